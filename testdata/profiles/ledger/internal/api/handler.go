// Package api serves the ledger over HTTP.
package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"example.com/ledger"
)

// Handler serves GET /entries as JSON and GET /export as the plain-text export.
type Handler struct {
	Ledger *ledger.Ledger
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method != http.MethodGet:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	case strings.HasSuffix(r.URL.Path, "/entries"):
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(h.Ledger.Entries()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	case strings.HasSuffix(r.URL.Path, "/export"):
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := h.Ledger.Export(w); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	default:
		http.NotFound(w, r)
	}
}
