package state

import "sync"

type Table struct {
	mu    sync.RWMutex
	outer sync.Mutex
	rows  map[int]string
}

func (t *Table) Put(k int, v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rows[k] = v
}

func (t *Table) Get(k int) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[k]
}

// Lock order: take the outer lock, then defer unlocking a different one is not this rule's concern.
func (t *Table) Nested() {
	t.outer.Lock()
	defer t.mu.Lock()
}

// Hand-over: the deferred Lock re-acquires after an explicit unlock elsewhere.
func (t *Table) Reacquire() {
	t.mu.Unlock()
	defer t.mu.Lock()
	t.rows = nil
}
