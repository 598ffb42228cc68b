package runner

import (
	"runtime"
	"sync/atomic"
	"time"
)

var stop atomic.Bool

func blocking(in <-chan int, out chan<- int) {
	for {
		select {
		case v := <-in:
			out <- v
		}
	}
}

func yields(in <-chan int) {
	for {
		select {
		case <-in:
			return
		default:
			runtime.Gosched()
		}
	}
}

// Non-blocking send per element: bounded by the range.
func offer(items []int, out chan<- int) {
	for _, it := range items {
		select {
		case out <- it:
		default:
		}
	}
}

// The condition calls a function each time.
func waitAtomic() {
	for !stop.Load() {
	}
	for i := 0; i < 10; i++ {
	}
}

func sleeps() {
	for {
		time.Sleep(time.Second)
	}
}

func blockForever() {
	select {}
}

// A local `len` is not the builtin: calling it may block.
func waitShadowed(q chan int) {
	len := func(c chan int) int { return <-c }
	for len(q) > 0 {
	}
}

// The builtin's argument calls a function, which may block or change state.
func waitPending(pending func() []int) {
	for len(pending()) > 0 {
	}
}

// The argument receives from a channel.
func waitBatch(batches <-chan []int) {
	for len(<-batches) > 0 {
	}
}
