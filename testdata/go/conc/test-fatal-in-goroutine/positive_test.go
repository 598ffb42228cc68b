package server

import (
	"net"
	"testing"
)

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			t.Fatalf("accept: %v", err) // want
		}
		defer func() {
			if err := conn.Close(); err != nil {
				t.FailNow() // want
			}
		}()
	}()
}

func BenchmarkServe(b *testing.B) {
	for i := 0; i < b.N; i++ {
		go func() {
			b.Skip("not supported") // want
		}()
	}
}

func helper(tb testing.TB, addr string) {
	go func() {
		if addr == "" {
			tb.Fatal("no address") // want
		}
	}()
}
