package jobs

import (
	ctxpkg "context"
	"time"
)

func fetch(ctx ctxpkg.Context, id string) error {
	ctx, _ = ctxpkg.WithTimeout(ctx, 2*time.Second) // want
	return load(ctx, id)
}

func start(parent ctxpkg.Context) ctxpkg.Context {
	ctx, _ := ctxpkg.WithCancel(parent) // want
	return ctx
}

func deadline(parent ctxpkg.Context, at time.Time) error {
	var ctx, _ = ctxpkg.WithDeadline(parent, at) // want
	return load(ctx, "x")
}

func load(ctx ctxpkg.Context, id string) error { return ctx.Err() }
