package crawl

import (
	"sync"
)

type counter struct{ n int }

func (c *counter) Add(d int) { c.n += d }

func correct(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			fetch(u)
		}(u)
	}
	wg.Wait()
}

// A coordinator goroutine that adds and waits on the same group is fine.
func coordinator(in <-chan string, done chan<- struct{}) {
	var wg sync.WaitGroup
	go func() {
		for u := range in {
			wg.Add(1)
			go func(u string) {
				defer wg.Done()
				fetch(u)
			}(u)
		}
		wg.Wait()
		close(done)
	}()
}

// A WaitGroup local to the goroutine.
func local(urls []string) {
	go func() {
		var inner sync.WaitGroup
		for _, u := range urls {
			inner.Add(1)
			go func(u string) {
				defer inner.Done()
				fetch(u)
			}(u)
		}
		inner.Wait()
	}()
}

// Not a WaitGroup: a counter with an Add method.
func notWaitGroup(c *counter, items []int) {
	stats := &counter{}
	go func() {
		stats.Add(len(items))
		c.Add(1)
	}()
}

// Add in a literal that is not a goroutine.
func plainClosure(wg *sync.WaitGroup) {
	add := func() { wg.Add(1) }
	add()
	go work(wg)
}

func work(wg *sync.WaitGroup) { defer wg.Done() }
