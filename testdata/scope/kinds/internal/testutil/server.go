// Package testutil starts fake servers for tests.
package testutil

import (
	"net"
	"net/http"
	"testing"
)

// Serve starts a server on a free port for the length of a test.
func Serve(t *testing.T, h http.Handler) string {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(lis)
	t.Cleanup(func() { srv.Close() })
	return lis.Addr().String()
}
