package main

import (
	"context"
	"fmt"
	"time"
)

// A command that runs once and exits.
func run(ctx context.Context) error { return nil }

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := run(ctx); err != nil {
		fmt.Println(err)
	}
}

// A helper of package main, not main itself.
func serveForever() {
	ctx := context.Background()
	for {
		_ = run(ctx)
	}
}
