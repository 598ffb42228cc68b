package server

import (
	"net/http"
	"testing"
)

func TestServe(t *testing.T) {
	srv := &http.Server{Addr: "127.0.0.1:0"}
	go func() { _ = http.ListenAndServe("127.0.0.1:0", nil) }()
	_ = srv.Close()
}
