package main

import (
	"context"
	"net/http"
)

type manager struct{}

func (manager) Start(ctx context.Context) error { return nil }

func setupSignalHandler() context.Context { return context.Background() }

// Signal handling set up by a helper whose name says so.
func main() {
	ctx := setupSignalHandler()
	_ = manager{}.Start(ctx)
	_ = http.ListenAndServe(":8081", nil)
}
