// turk-test: go=1.22
package monitor

import (
	"context"
	"time"
)

func poll(ctx context.Context, check func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.Tick(time.Second): // want
			check()
		}
	}
}

func firstTick() time.Time {
	return <-time.Tick(time.Millisecond) // want
}

func untilDone(done <-chan struct{}) {
	tick := time.Tick(time.Second) // want
	for {
		select {
		case <-tick:
		case <-done:
			return
		}
	}
}
