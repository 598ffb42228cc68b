package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
)

// User is one account.
type User struct {
	Name string `json:"name"`
}

// Store keeps the users.
type Store interface {
	All(ctx context.Context) ([]User, error)
	Add(ctx context.Context, u User) error
}

// Handlers serves the users endpoints.
type Handlers struct {
	store Store
}

// List answers the users as JSON.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	users, err := h.store.All(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(users)
}

// Create adds the user in the body.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	var u User
	if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.store.Add(r.Context(), u); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// Health answers that the server runs.
func (h *Handlers) Health(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
