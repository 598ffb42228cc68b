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

// The Add counts the goroutine started right after it, from inside another goroutine.
func acceptLoop(accept func() (string, error)) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func(c string) {
				fetch(c)
				wg.Done()
			}(c)
		}
	}()
	wg.Wait()
}

type server struct {
	conns sync.WaitGroup
}

func (s *server) serve(in <-chan string) {
	go func() {
		for c := range in {
			s.conns.Add(1)
			c := c
			go func() {
				defer func() {
					s.conns.Done()
				}()
				fetch(c)
			}()
		}
	}()
}

// The started goroutine is handed the WaitGroup.
func fanOut(urls []string) {
	var wg sync.WaitGroup
	go func() {
		for _, u := range urls {
			wg.Add(1)
			go worker(&wg, u)
		}
	}()
	wg.Wait()
}

func worker(wg *sync.WaitGroup, u string) {
	defer wg.Done()
	fetch(u)
}

// The goroutine holds a count on the group while it adds more.
func spawner(urls []string) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, u := range urls {
			wg.Add(1)
			go fetchAndDone(&wg, u)
		}
	}()
	wg.Wait()
}

func fetchAndDone(wg *sync.WaitGroup, u string) {
	fetch(u)
	wg.Done()
}

func holdsCount(c *Crawler, more []string) {
	go func() {
		defer c.wg.Done()
		if len(more) > 0 {
			c.wg.Add(len(more))
			for _, u := range more {
				go func(u string) {
					defer c.wg.Done()
					fetch(u)
				}(u)
			}
		}
	}()
}
