package pipeline

import (
	"context"
	"time"
)

type key struct{}

type Job struct{ ID string }

func runAll(ctx context.Context, jobs <-chan Job) {
	for job := range jobs {
		ctx = context.WithValue(ctx, key{}, job.ID) // want
		run(ctx, job)
	}
}

func poll(ctx context.Context) error {
	var cancel context.CancelFunc
	for {
		ctx, cancel = context.WithTimeout(ctx, time.Second) // want
		err := ping(ctx)
		cancel()
		if err == nil {
			return nil
		}
	}
}

func tag(ctx context.Context, tags map[string]string) context.Context {
	for k, v := range tags {
		ctx = context.WithValue(ctx, key{}, k+"="+v) // want
	}
	return ctx
}

func run(context.Context, Job)      {}
func ping(context.Context) error    { return nil }
