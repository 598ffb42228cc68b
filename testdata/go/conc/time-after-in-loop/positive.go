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

func drain(items []int) {
	for range items {
		if true {
			<-clock.After(clock.Millisecond) // want
		}
	}
}
