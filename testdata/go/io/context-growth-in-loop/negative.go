package pipeline

import (
	"context"
	"time"
)

func perIteration(ctx context.Context, jobs []Job) {
	for _, job := range jobs {
		jobCtx, cancel := context.WithTimeout(ctx, time.Second)
		run(jobCtx, job)
		cancel()
	}
}

func shadowedInLoop(parent context.Context, jobs []Job) {
	for _, job := range jobs {
		ctx := parent
		ctx = context.WithValue(ctx, key{}, job.ID)
		run(ctx, job)
	}
}

func outsideLoop(ctx context.Context) context.Context {
	ctx = context.WithValue(ctx, key{}, "once")
	return ctx
}

func inLiteral(ctx context.Context, jobs []Job) {
	for _, job := range jobs {
		go func() {
			ctx := ctx
			ctx = context.WithValue(ctx, key{}, job.ID)
			run(ctx, job)
		}()
	}
}
