// turk-test: go=1.21
package batch

import "sync"

func processAll(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(item) // want
		}()
	}
	wg.Wait()
}

func indices(n int) {
	for i := 0; i < n; i++ {
		go func() {
			process(string(rune('a' + i))) // want
		}()
	}
}

func closeAll(files []closer) {
	for _, f := range files {
		defer func() {
			f.Close() // want
		}()
	}
}

func nested(groups [][]string) {
	for g, group := range groups {
		for _, item := range group {
			go func() {
				record(g, "") // want
				process(item) // want
			}()
		}
	}
}

type closer interface{ Close() error }

func process(string)     {}
func record(int, string) {}
