// turk-test: go=1.23
package worker

import (
	"context"
	clock "time"
)

// From Go 1.23 the timers are collectable: flagged at a lower priority, where another case carries the traffic
// and the timer is made again for every message.
func consume(ctx context.Context, msgs <-chan string, flush func()) {
	for {
		select {
		case m := <-msgs:
			_ = m
		case <-clock.After(30 * clock.Second): // want
			flush()
		case <-ctx.Done():
			return
		}
	}
}

func forward(out chan<- int, in []int) {
	for _, v := range in {
		select {
		case out <- v:
		case <-clock.After(clock.Second): // want
			return
		}
	}
}

type source struct{ ch chan string }

func (s *source) events() <-chan string { return s.ch }

func (s *source) run(stop <-chan struct{}) {
	for {
		select {
		case e := <-s.events():
			_ = e
		case t := <-clock.After(clock.Second): // want
			_ = t
		case <-stop:
			return
		}
	}
}
