// turk-test: go=1.23
package worker

import (
	"context"
	"errors"
	"os"
	"time"
)

// From Go 1.23 timers are collected: a timer that fires every time round costs one allocation per wait.

// A retry loop: the select has only the timer and the context.
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

// The other case is a done channel, not traffic.
func wait(done <-chan struct{}) {
	for i := 0; i < 3; i++ {
		select {
		case <-done:
			return
		case <-time.After(time.Second):
		}
	}
}

// A timer with a backoff that grows each time round.
func reconnect(events <-chan string, dial func() error) {
	backoff := 100 * time.Millisecond
	for {
		select {
		case ev := <-events:
			handle(ev)
		case <-time.After(backoff):
			if dial() == nil {
				return
			}
			backoff *= 2
		}
	}
}

// The loop sleeps: a poller.
func poll(updates <-chan string) {
	for {
		select {
		case u := <-updates:
			handle(u)
		case <-time.After(time.Millisecond):
		}
		time.Sleep(time.Second)
	}
}

// Waiting on the timer alone is a sleep.
func pace(items []string) {
	for _, it := range items {
		handle(it)
		<-time.After(10 * time.Millisecond)
	}
}

// The other case is a ticker.
func heartbeat(t *time.Ticker, stop <-chan struct{}) {
	for {
		select {
		case <-t.C:
			handle("beat")
		case <-time.After(time.Minute):
			handle("late")
		case <-stop:
			return
		}
	}
}

// A retry wait that only a quit channel or a signal can cut short.
func catchUp(qch <-chan struct{}, sigs <-chan os.Signal, try func() error) error {
	for {
		if err := try(); err == nil {
			return nil
		}
		select {
		case <-qch:
			return errStopped
		case <-sigs:
			return errStopped
		case <-time.After(2 * time.Second):
		}
	}
}

var errStopped = errors.New("stopped")

func handle(string) {}
