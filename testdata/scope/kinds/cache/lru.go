// Package cache keeps recently used values in memory.
package cache

import (
	"container/list"
	"sync"
)

type entry struct {
	key   string
	value []byte
}

// LRUCache evicts the least recently used value beyond its size.
type LRUCache struct {
	mu    sync.Mutex
	size  int
	items map[string]*list.Element
	order *list.List
}

// Get returns a value and marks it used.
func (c *LRUCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).value, true
}

// Put stores a value, evicting the oldest when full.
func (c *LRUCache) Put(key string, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = c.order.PushFront(&entry{key, value})
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry).key)
	}
}
