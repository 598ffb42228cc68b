// turk-test: go=1.21
package batch

import "sync"

func passed(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func(item string) {
			defer wg.Done()
			process(item)
		}(item)
	}
	wg.Wait()
}

func copied(items []string) {
	for _, item := range items {
		item := item
		go func() {
			process(item)
		}()
	}
}

func waitedEachIteration(items []string) {
	for _, item := range items {
		done := make(chan struct{})
		go func() {
			process(item)
			close(done)
		}()
		<-done
	}
}

func keyedField(items []string) {
	for _, name := range items {
		v := name
		go func() {
			_ = config{name: v}
		}()
	}
}

func assignedNotDeclared(items []string) {
	var item string
	for _, item = range items {
		go func() { process(item) }()
	}
}

type config struct{ name string }
