package jobs

import "sync"

func processSerially(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func(item string) {
			defer wg.Done()
			handle(item)
		}(item)
		wg.Wait() // want
	}
}

func (p *Pool) drain(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go func() {
			handle("x")
			p.wg.Done()
		}()
		p.wg.Wait() // want
	}
}

type Pool struct{ wg sync.WaitGroup }

func handle(string) {}
