// turk-test: go=1.23
package worker

import "time"

// From Go 1.23 the timers are collectable: still flagged, at a lower priority.
func wait(done <-chan struct{}) {
	for i := 0; i < 3; i++ {
		select {
		case <-done:
			return
		case <-time.After(time.Second): // want
		}
	}
}
