package cache

import (
	"fmt"
	"sync"
)

// Cache is a tiny in-memory cache.
type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
}

// Get returns the cached value.
func (c *Cache) Get(ns string, id int) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[key(ns, id)]
	return v, ok
}

// key builds the map key.
func key(ns string, id int) string {
	return fmt.Sprintf("%s:%d", ns, id)
}
