package main

import (
	"compress/gzip"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
)

// The exit does what each of these deferred calls would: close descriptors and connections, drop locks held in
// memory, end the process's contexts and goroutines.

func closes(name string) {
	f, err := os.Open(name)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	resp, err := http.Get("http://localhost/")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	conn, err := net.Dial("tcp", "localhost:1")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.Copy(conn, f); err != nil {
		log.Fatal(err)
	}
}

func unlocks(mu *sync.RWMutex, wg *sync.WaitGroup) {
	mu.RLock()
	defer mu.RUnlock()
	defer wg.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if ctx.Err() != nil {
		os.Exit(1)
	}
}

func reads(r io.Reader) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		log.Fatal(err)
	}
	// A reader buffers nothing that must reach anyone.
	defer zr.Close()
	if _, err := io.ReadAll(zr); err != nil {
		log.Fatal(err)
	}
}

func handed(w io.WriteCloser) {
	// Closed here, made elsewhere: whether it buffers is out of sight.
	defer w.Close()
	log.Fatal("stop")
}
