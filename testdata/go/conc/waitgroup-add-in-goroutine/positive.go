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
