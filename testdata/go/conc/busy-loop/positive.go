package runner

import "sync/atomic"

func spinForever() {
	for { // want
	}
}

func waitFlag(ready *bool) {
	for !*ready { // want
	}
}

func poll(in <-chan int, out chan<- int) {
	for { // want
		select {
		case v := <-in:
			out <- v
		default:
		}
	}
}

var stop atomic.Bool

func pollUntil(in <-chan int) {
	for !done { // want
		select {
		case <-in:
		default:
			// nothing to do
		}
	}
}

var done bool

type pool struct {
	queue chan int
}

// Waits for the workers to empty the queue by polling its length.
func (p *pool) drain() {
	for len(p.queue) > 0 { // want
	}
}

func waitRoom(buf chan []byte) {
	for cap(buf)-len(buf) == 0 { // want
	}
}
