package server

import (
	"net"
	"net/http"
	"time"
)

func newServerOK(h http.Handler) *http.Server {
	return &http.Server{
		Addr:              ":8080",
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
	}
}

func readTimeout(h http.Handler) error {
	srv := http.Server{Handler: h, ReadTimeout: 30 * time.Second}
	return srv.ListenAndServe()
}

func setAfter(h http.Handler, l net.Listener) error {
	srv := &http.Server{Handler: h}
	srv.ReadHeaderTimeout = 2 * time.Second
	return srv.Serve(l)
}

type Server struct {
	Addr string
}

func localType() *Server {
	// Our own Server type, not net/http's.
	return &Server{Addr: ":1"}
}

type listener struct{}

func (listener) ListenAndServe(string, http.Handler) error { return nil }

func shadowed(h http.Handler) error {
	http := listener{}
	return http.ListenAndServe(":8080", h)
}

// Bound to the loopback interface: only processes of this machine reach it.
func debugLocal() {
	go func() {
		_ = http.ListenAndServe("localhost:6060", nil)
	}()
	local := &http.Server{Addr: "127.0.0.1:6061"}
	go local.ListenAndServe()
}
