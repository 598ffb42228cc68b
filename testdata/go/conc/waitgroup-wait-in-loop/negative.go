package jobs

import "sync"

func concurrent(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func(item string) {
			defer wg.Done()
			handle(item)
		}(item)
	}
	wg.Wait()
}

// Batches: the goroutines of a batch run together, the Wait is per batch.
func batches(groups [][]string) {
	var wg sync.WaitGroup
	for _, group := range groups {
		for _, item := range group {
			wg.Add(1)
			go func(item string) {
				defer wg.Done()
				handle(item)
			}(item)
		}
		wg.Wait()
	}
}

// Two goroutines per iteration run in parallel with each other.
func pairs(items []string) {
	var wg sync.WaitGroup
	for i := 0; i+1 < len(items); i += 2 {
		wg.Add(2)
		go func() { defer wg.Done(); handle(items[i]) }()
		go func() { defer wg.Done(); handle(items[i+1]) }()
		wg.Wait()
	}
}

// A different WaitGroup is waited on.
func other(items []string) {
	var wg, prev sync.WaitGroup
	for _, item := range items {
		prev.Wait()
		wg.Add(1)
		go func(item string) {
			defer wg.Done()
			handle(item)
		}(item)
	}
}
