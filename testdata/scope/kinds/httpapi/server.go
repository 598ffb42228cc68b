// Package httpapi serves the users API.
package httpapi

import (
	"net/http"
	"time"
)

// Server is the API's HTTP server.
type Server struct {
	srv *http.Server
}

// New registers the routes on a mux.
func New(addr string, h *Handlers) *Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/users", h.List)
	mux.HandleFunc("/users/new", h.Create)
	mux.HandleFunc("/healthz", h.Health)
	return &Server{srv: &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}}
}

// Run serves until the server is closed.
func (s *Server) Run() error {
	return s.srv.ListenAndServe()
}
