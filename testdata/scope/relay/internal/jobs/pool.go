// Package jobs runs background work on a fixed pool of goroutines.
package jobs

import "sync"

// Pool runs submitted functions.
type Pool struct {
	size  int
	queue chan func()
	wg    sync.WaitGroup
}

// NewPool makes a pool of size workers.
func NewPool(size int) *Pool {
	return &Pool{size: size, queue: make(chan func(), 64)}
}

// Start launches the workers.
func (p *Pool) Start() {
	for i := 0; i < p.size; i++ {
		p.wg.Add(1)
		go p.work()
	}
}

func (p *Pool) work() {
	defer p.wg.Done()
	for job := range p.queue {
		p.run(job)
	}
}

func (p *Pool) run(job func()) {
	defer func() { recover() }()
	job()
}

// Submit queues a job.
func (p *Pool) Submit(job func()) {
	p.queue <- job
}

// Stop lets the queue drain and waits for the workers.
func (p *Pool) Stop() {
	close(p.queue)
	p.wg.Wait()
}
