// turk-test: go=1.21
package worker

import (
	"context"
	clock "time"
)

func pump(ctx context.Context, in <-chan string, out chan<- string) {
	for {
		select {
		case v := <-in:
			out <- v
		case <-clock.After(clock.Second): // want
			return
		case <-ctx.Done():
			return
		}
	}
}

// The send usually succeeds and returns: each call leaves a timer alive for a second.
func submit(ctx context.Context, queue chan<- string, job string) bool {
	for {
		select {
		case queue <- job:
			return true
		case <-ctx.Done():
			return false
		case <-clock.After(clock.Second): // want
			println("queue full, still waiting")
		}
	}
}

// A backoff does not help before Go 1.23: while events flow, every timer made waits out its whole duration.
func reconnect(events <-chan string, dial func() error) {
	backoff := 100 * clock.Millisecond
	for {
		select {
		case ev := <-events:
			println(ev)
		case <-clock.After(backoff): // want
			if dial() == nil {
				return
			}
			backoff *= 2
		}
	}
}

// The loop is left after the select only when the timer fires: each message goes round again and leaves a
// timer behind.
func idle(msgs <-chan string, handle func(string), d clock.Duration) {
	for {
		select {
		case m := <-msgs:
			handle(m)
			continue
		case <-clock.After(d): // want
		}
		return
	}
}
