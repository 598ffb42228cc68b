// Package store keeps recently exported lines so that a repeated export of the same entry is not formatted again.
package store

import (
	"sync"
	"time"
)

// Cache maps entry ids to their exported line. Entries older than the time to live are dropped by a janitor.
type Cache struct {
	mu      sync.Mutex
	ttl     time.Duration
	entries map[string]cached
	stop    chan struct{}
}

type cached struct {
	line    string
	created time.Time
}

// New returns a cache whose janitor runs every interval until Close is called.
func New(ttl, interval time.Duration) *Cache {
	c := &Cache{ttl: ttl, entries: make(map[string]cached), stop: make(chan struct{})}
	go c.janitor(interval)
	return c
}

// Get returns the cached line for id.
func (c *Cache) Get(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	return e.line, ok
}

// Put stores the line for id.
func (c *Cache) Put(id, line string) {
	c.mu.Lock()
	c.entries[id] = cached{line: line, created: time.Now()}
	c.mu.Unlock()
}

// Close stops the janitor.
func (c *Cache) Close() {
	close(c.stop)
}

func (c *Cache) janitor(interval time.Duration) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-c.stop:
			return
		case now := <-ticker.C:
			c.mu.Lock()
			for id, e := range c.entries {
				if now.Sub(e.created) > c.ttl {
					delete(c.entries, id)
				}
			}
			c.mu.Unlock()
		}
	}
}
