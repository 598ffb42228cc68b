package worker

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"time"
)

type Pool struct {
	wg   sync.WaitGroup
	done chan struct{}
}

// Waits, but also on the context.
func (p *Pool) Shutdown(ctx context.Context) error {
	go func() {
		p.wg.Wait()
		close(p.done)
	}()
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The blank name says the context is ignored on purpose.
func (p *Pool) Close(_ context.Context) error {
	p.wg.Wait()
	return nil
}

// Nothing that waits: an interface method with nothing to cancel.
func (p *Pool) Name(ctx context.Context) string { return "pool" }

// A file read cannot be cancelled anyway.
func load(ctx context.Context, path string) ([]byte, error) {
	return os.ReadFile(path)
}

// The context is used by a func literal.
func tick(ctx context.Context, f func()) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
				f()
			}
		}
	}()
}

// A non-blocking select.
func poll(ctx context.Context, ch <-chan int) (int, bool) {
	select {
	case v := <-ch:
		return v, true
	default:
		return 0, false
	}
}

// Outside stop/close/drain functions a context is often carried for tracing only: waiting on a channel there
// is not reported.
func next(ctx context.Context, jobs <-chan int) int {
	return <-jobs
}

var run = func(ctx context.Context, events <-chan string) {
	for {
		select {
		case e := <-events:
			_ = e
		}
	}
}

// A query that ignores the context: io/no-context-variant asks for QueryContext.
func count(ctx context.Context, db *sql.DB) (n int, err error) {
	err = db.QueryRow("SELECT count(*) FROM jobs").Scan(&n)
	return n, err
}
