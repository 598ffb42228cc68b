package state

import "sync"

type Table struct {
	mu   sync.RWMutex
	rows map[int]string
}

func (t *Table) Put(k int, v string) {
	t.mu.Lock()
	defer t.mu.Lock() // want
	t.rows[k] = v
}

func (t *Table) Get(k int) string {
	t.mu.RLock()
	defer t.mu.Unlock() // want
	return t.rows[k]
}

func (t *Table) Delete(k int) {
	t.mu.Lock()
	defer t.mu.RUnlock() // want
	delete(t.rows, k)
}

func (t *Table) Len() int {
	t.mu.RLock()
	defer t.mu.RLock() // want
	return len(t.rows)
}

func guard(mu *sync.Mutex, f func()) {
	mu.Lock()
	// Released on return.
	defer mu.Lock() // want
	f()
}
