// Package worker runs background jobs (notifications, exports, archiving) on a fixed pool of goroutines.
package worker

import (
	"context"
	"errors"
	"log"
	"sync"
	"sync/atomic"
	"time"
)

// Job is one unit of background work.
type Job func(ctx context.Context) error

// ErrStopped is returned by Submit after Stop.
var ErrStopped = errors.New("worker pool stopped")

// Pool runs jobs on a fixed number of goroutines, with a bounded queue.
type Pool struct {
	size    int
	queue   chan Job
	wg      sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
	stopped atomic.Bool
	failed  atomic.Int64
	done    atomic.Int64
}

// NewPool makes a pool of size workers with room for queue pending jobs.
func NewPool(size, queue int) *Pool {
	ctx, cancel := context.WithCancel(context.Background())
	return &Pool{size: size, queue: make(chan Job, queue), ctx: ctx, cancel: cancel}
}

// Start launches the workers.
func (p *Pool) Start() {
	for i := 0; i < p.size; i++ {
		go func() {
			p.wg.Add(1)
			defer p.wg.Done()
			p.work(i)
		}()
	}
}

func (p *Pool) work(id int) {
	for {
		select {
		case <-p.ctx.Done():
			return
		case job, ok := <-p.queue:
			if !ok {
				return
			}
			p.run(id, job)
		}
	}
}

func (p *Pool) run(id int, job Job) {
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			log.Printf("worker %d: job panicked: %v", id, v)
			p.failed.Add(1)
		}
	}()
	if err := job(ctx); err != nil {
		log.Printf("worker %d: %v", id, err)
		p.failed.Add(1)
		return
	}
	p.done.Add(1)
}

// Submit queues a job, waiting for room while the pool runs; it reports whether the job was queued.
func (p *Pool) Submit(job Job) bool {
	if p.stopped.Load() {
		return false
	}
	for {
		select {
		case p.queue <- job:
			return true
		case <-p.ctx.Done():
			return false
		case <-time.After(time.Second):
			log.Printf("worker queue full (%d pending), still waiting", len(p.queue))
		}
	}
}

// Drain blocks until the queue is empty, for tests and the export command.
func (p *Pool) Drain() {
	for len(p.queue) > 0 {
	}
}

// Stop stops accepting jobs, lets the workers finish the queue, and waits for them.
func (p *Pool) Stop() {
	if !p.stopped.CompareAndSwap(false, true) {
		return
	}
	close(p.queue)
	p.wg.Wait()
	p.cancel()
}

// Counts returns how many jobs finished and failed.
func (p *Pool) Counts() (done, failed int64) {
	return p.done.Load(), p.failed.Load()
}

// RunAll runs fn for every item with at most limit in flight and returns the first error.
func RunAll[T any](ctx context.Context, items []T, limit int, fn func(context.Context, T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sem := make(chan struct{}, limit)
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for _, item := range items {
		item := item
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return firstErr
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := fn(ctx, item); err != nil {
				once.Do(func() {
					firstErr = err
					cancel()
				})
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// Heartbeat logs the pool counters until stop is closed.
func (p *Pool) Heartbeat(stop <-chan struct{}) {
	for range time.Tick(time.Minute) {
		select {
		case <-stop:
			return
		default:
		}
		done, failed := p.Counts()
		log.Printf("worker pool: %d done, %d failed, %d queued", done, failed, len(p.queue))
	}
}
