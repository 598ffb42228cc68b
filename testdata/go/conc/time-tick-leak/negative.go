// turk-test: go=1.22
package monitor

import (
	"time"
)

// Package-level: one ticker for the life of the process.
var heartbeat = time.Tick(time.Minute)

// Never returns: the ticker lives as long as the process anyway.
func forever(check func()) {
	for range time.Tick(time.Second) {
		check()
	}
}

func foreverSelect(in <-chan int) {
	t := time.Tick(time.Second)
	for {
		select {
		case <-t:
		case <-in:
		}
	}
}

func stopped(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

type clock struct{}

func (clock) Tick(d time.Duration) <-chan time.Time { return nil }

func shadowed() {
	time := clock{}
	<-time.Tick(1)
}
