package pool

import (
	"sync"
)

func worker(id int, wg sync.WaitGroup, jobs <-chan int) { // want
	defer wg.Done()
	for range jobs {
	}
}

func run(jobs chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(wg sync.WaitGroup) { // want
		defer wg.Done()
	}(wg)
	wg.Wait()
}

type Runner struct{}

func (Runner) Go(wg sync.WaitGroup, f func()) { // want
	defer wg.Done()
	f()
}
