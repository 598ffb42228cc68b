// Package worker runs jobs on a fixed number of goroutines.
package worker

import "sync"

// Job is one unit of work.
type Job func()

// Pool runs jobs from a queue.
type Pool struct {
	jobs chan Job
	wg   sync.WaitGroup
}

// Start launches n workers.
func (p *Pool) Start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for job := range p.jobs {
				job()
			}
		}()
	}
}

// Submit queues a job.
func (p *Pool) Submit(j Job) {
	p.jobs <- j
}

// Stop waits for the queue to drain.
func (p *Pool) Stop() {
	close(p.jobs)
	p.wg.Wait()
}
