package api

import (
	j "encoding/json"
	"net"
	"net/http"
)

type Order struct{ ID int }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := j.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	b, err := j.MarshalIndent(o, "", "  ") // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(b)
}

type Server struct{}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/orders", func(w http.ResponseWriter, r *http.Request) {
		var o Order
		if r.Method != http.MethodPost {
			b, _ := j.MarshalIndent(map[string]string{"error": "method"}, "", " ") // want
			w.Write(b)
			return
		}
		_ = j.NewDecoder(r.Body).Decode(&o)
		enc := j.NewEncoder(w)
		enc.SetIndent("", "\t") // want
		enc.Encode(o)
	})
}

func reply(conn net.Conn, o Order) error {
	b, err := j.MarshalIndent(o, "", "  ") // want
	if err != nil {
		return err
	}
	_, err = conn.Write(b)
	return err
}
