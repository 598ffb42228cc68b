package store

import (
	"context"
	nethttp "net/http"
)

type api struct{ s *Store }

// ServeHTTP is a handler whatever its parameters are named.
func (a *api) ServeHTTP(rw nethttp.ResponseWriter, req *nethttp.Request) {
	if err := a.s.db.PingContext(context.Background()); err != nil { // want
		nethttp.Error(rw, err.Error(), nethttp.StatusServiceUnavailable)
	}
}

// A handler literal, with the import under another name.
func (a *api) routes(mux *nethttp.ServeMux) {
	mux.HandleFunc("/ping", func(w nethttp.ResponseWriter, r *nethttp.Request) {
		_ = a.s.db.PingContext(context.TODO()) // want
	})
}
