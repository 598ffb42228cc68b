// Package cron runs tasks on a period.
package cron

import "time"

// Every runs task each period until stop is closed.
func Every(period time.Duration, stop <-chan struct{}, task func()) {
	go func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				task()
			}
		}
	}()
}
