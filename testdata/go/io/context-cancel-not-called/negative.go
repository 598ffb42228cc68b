package jobs

import (
	"context"
	"time"
)

func fetchOK(ctx context.Context, id string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return load(ctx, id)
}

// The caller gets the cancel function.
func child(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

type worker struct {
	cancel context.CancelFunc
}

func (w *worker) run(parent context.Context) {
	var ctx context.Context
	ctx, w.cancel = context.WithCancel(parent)
	go w.loop(ctx)
}

func (w *worker) loop(ctx context.Context) { <-ctx.Done() }

func perAttempt(parent context.Context, attempts int) error {
	var cancel context.CancelFunc = func() {}
	for i := 0; i < attempts; i++ {
		cancel()
		var ctx context.Context
		ctx, cancel = context.WithTimeout(parent, time.Second)
		if load(ctx, "x") == nil {
			break
		}
	}
	cancel()
	return nil
}

type fake struct{}

func (fake) WithCancel(c context.Context) (context.Context, func()) { return c, nil }

func notContext(c context.Context) context.Context {
	context := fake{}
	ctx, _ := context.WithCancel(c)
	return ctx
}

// One process-wide context, created once.
var background, _ = context.WithCancel(context.Background())
