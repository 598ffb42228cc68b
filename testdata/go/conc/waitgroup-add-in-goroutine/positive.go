package crawl

import (
	"sync"
)

type Crawler struct {
	wg    sync.WaitGroup
	pages chan string
}

func fetchAll(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		go func(u string) {
			wg.Add(1) // want
			defer wg.Done()
			fetch(u)
		}(u)
	}
	wg.Wait()
}

func (c *Crawler) Start(n int) {
	for i := 0; i < n; i++ {
		go func() {
			c.wg.Add(1) // want
			defer c.wg.Done()
			for p := range c.pages {
				fetch(p)
			}
		}()
	}
}

func viaParam(group *sync.WaitGroup, urls []string) {
	for _, u := range urls {
		go func(u string) {
			if u != "" {
				group.Add(1) // want
			}
			defer group.Done()
			fetch(u)
		}(u)
	}
}

func passedIn(urls []string) {
	wg := &sync.WaitGroup{}
	for _, u := range urls {
		go func(w *sync.WaitGroup, u string) {
			w.Add(1) // want
			defer w.Done()
			fetch(u)
		}(wg, u)
	}
	wg.Wait()
}

// workersWG is declared in another file of the package: recognised by its name.
func elsewhere(urls []string) {
	for _, u := range urls {
		go func() {
			workersWG.Add(1) // want
			defer workersWG.Done()
			fetch(u)
		}()
	}
}

func fetch(string) {}

// The goroutine started after the Add calls Done on another WaitGroup.
func otherGroup(urls []string) {
	var wg, other sync.WaitGroup
	go func() {
		for _, u := range urls {
			wg.Add(1) // want
			go func(u string) {
				defer other.Done()
				fetch(u)
			}(u)
		}
	}()
	wg.Wait()
}

// The defer that holds a count is inside a nested func literal, not in this goroutine's body; and the Done
// comes after the Add.
func (c *Crawler) late(urls []string) {
	go func() {
		cleanup := func() {
			defer c.wg.Done()
		}
		c.wg.Add(1) // want
		fetch(urls[0])
		cleanup()
	}()
	go func() {
		c.wg.Add(1) // want
		defer c.wg.Done()
		fetch(urls[1])
	}()
}
