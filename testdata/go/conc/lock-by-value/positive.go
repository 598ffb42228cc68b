package cache

import (
	"sync"
	atom "sync/atomic"
)

type Cache struct {
	mu    sync.RWMutex
	items map[string]string
}

func (c Cache) Get(k string) string { // want
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.items[k]
}

// Embedded lock.
type Counter struct {
	sync.Mutex
	n int
}

func snapshot(c Counter) int { // want
	return c.n
}

// Transitively, through a struct declared in this file.
type Registry struct {
	name  string
	inner Counter
}

func describe(r Registry) string { // want
	return r.name
}

type Stats struct {
	hits atom.Int64
}

func report(s Stats) int64 { // want
	return s.hits.Load()
}

func guard(mu sync.Mutex, f func()) { // want
	mu.Lock()
	defer mu.Unlock()
	f()
}

var onceHandler = func(once sync.Once) { // want
	once.Do(func() {})
}
