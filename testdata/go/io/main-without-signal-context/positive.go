package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"time"
)

func main() {
	ctx := context.Background() // want
	go worker(ctx)
	srv := &http.Server{Addr: ":8080", ReadHeaderTimeout: time.Second}
	log.Fatal(srv.ListenAndServe())
}

func worker(ctx context.Context) {}

func serveRaw(l net.Listener) {}
