// turk-test: go=1.21
package worker

import (
	"time"
)

type ticker struct{}

func (ticker) After(d time.Duration) <-chan time.Time { return nil }

func once(done <-chan struct{}) {
	// Not in a loop: one timer per call is fine.
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}

func shadowed(done <-chan struct{}) {
	time := ticker{}
	for {
		select {
		case <-done:
			return
		case <-time.After(5): // a local variable named time, not the package
		}
	}
}

func literalInLoop(items []int) {
	for range items {
		// The literal runs when it is called, not once per iteration of this loop.
		go func() {
			<-time.After(time.Second)
		}()
	}
}

func reused(done <-chan struct{}) {
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	for {
		timer.Reset(time.Second)
		select {
		case <-done:
			return
		case <-timer.C:
		}
	}
}
