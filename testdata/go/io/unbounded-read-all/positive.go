package api

import (
	"encoding/json"
	"io"
	"io/ioutil"
	"net/http"
)

type Item struct{ Name string }

func create(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var it Item
	if err := json.Unmarshal(data, &it); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

type uploads struct{ store func([]byte) }

func (u *uploads) ServeHTTP(rw http.ResponseWriter, req *http.Request) {
	data, err := ioutil.ReadAll(req.Body) // want
	if err != nil {
		http.Error(rw, err.Error(), http.StatusBadRequest)
		return
	}
	u.store(data)
}

// Read in a goroutine of the handler: still the client's body.
func async(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = io.ReadAll(r.Body) // want
	}()
	<-done
}
