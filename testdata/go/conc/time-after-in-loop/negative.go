// turk-test: go=1.21
package worker

import (
	"context"
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

// Timers that fire every time round are released as they fire, before Go 1.23 too.

// Waiting on the timer alone is a sleep.
func drain(items []int) {
	for range items {
		if true {
			<-time.After(time.Millisecond)
		}
	}
}

// A retry loop: the other case only stops it.
func retry(ctx context.Context, try func() error) error {
	for {
		if err := try(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

type server struct{ quitCh chan struct{} }

// A reconnect loop whose other cases are quit channels.
func (s *server) connect(qch <-chan struct{}, dial func() error) {
	for dial() != nil {
		select {
		case <-s.quitCh:
			return
		case <-qch:
			return
		case <-time.After(time.Second):
			continue
		}
	}
}

// The loop polls a condition; once it holds, one wait on a channel and the loop is left: the timer is made
// once.
func ready(started <-chan struct{}, listening func() bool, d time.Duration) bool {
	for i := 0; i < 100; i++ {
		if listening() {
			select {
			case <-started:
			case <-time.After(d):
				return false
			}
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
