// Package store keeps orders in Postgres, with an in-process cache in front.
package store

import (
	"sync"
	"time"

	"example.com/orders/internal/orders"
)

type entry struct {
	order   *orders.Order
	expires time.Time
}

// Cache is a TTL cache of orders by id, safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	ttl     time.Duration
	entries map[string]entry
	hits    uint64
	misses  uint64
	done    chan struct{}
	once    sync.Once
}

// NewCache starts a cache and its janitor, which drops expired entries every TTL.
func NewCache(ttl time.Duration) *Cache {
	c := &Cache{
		ttl:     ttl,
		entries: make(map[string]entry),
		done:    make(chan struct{}),
	}
	go c.janitor()
	return c
}

func (c *Cache) janitor() {
	t := time.NewTicker(c.ttl)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case now := <-t.C:
			c.mu.Lock()
			for k, e := range c.entries {
				if now.After(e.expires) {
					delete(c.entries, k)
				}
			}
			c.mu.Unlock()
		}
	}
}

// Close stops the janitor. It is safe to call more than once.
func (c *Cache) Close() {
	c.once.Do(func() { close(c.done) })
}

// Get returns a live entry.
func (c *Cache) Get(id string) (*orders.Order, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok || time.Now().After(e.expires) {
		c.misses++
		return nil, false
	}
	c.hits++
	return e.order, true
}

// Set stores an order for one TTL.
func (c *Cache) Set(id string, o *orders.Order) {
	c.mu.Lock()
	c.entries[id] = entry{order: o, expires: time.Now().Add(c.ttl)}
	c.mu.Unlock()
}

// Delete forgets an order.
func (c *Cache) Delete(id string) {
	c.mu.Lock()
	delete(c.entries, id)
	c.mu.Unlock()
}

// GetOrLoad returns the cached order or loads it with load and caches the result.
func (c *Cache) GetOrLoad(id string, load func() (*orders.Order, error)) (*orders.Order, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[id]; ok && time.Now().Before(e.expires) {
		c.hits++
		return e.order, nil
	}
	c.misses++
	o, err := load()
	if err != nil {
		return nil, err
	}
	c.entries[id] = entry{order: o, expires: time.Now().Add(c.ttl)}
	return o, nil
}

// Stats is a snapshot of the cache counters.
type Stats struct {
	Entries int
	Hits    uint64
	Misses  uint64
}

// Stats reports the counters.
func (c Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Entries: len(c.entries), Hits: c.hits, Misses: c.misses}
}

// Sync waits for writers in flight to finish; the export job calls it before it snapshots the cache.
func (c *Cache) Sync() {
	c.mu.Lock()
	c.mu.Unlock()
}

// CustomerIndex remembers which orders belong to which customer, for the "recent orders" widget.
type CustomerIndex struct {
	mu   sync.RWMutex
	byID map[string][]string
}

// NewCustomerIndex returns an empty index.
func NewCustomerIndex() *CustomerIndex {
	return &CustomerIndex{byID: make(map[string][]string)}
}

// Add records that customer placed order.
func (x *CustomerIndex) Add(customer, order string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.byID[customer] = append(x.byID[customer], order)
}

// Recent returns up to n of the customer's latest order ids.
func (x *CustomerIndex) Recent(customer string, n int) []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	ids := x.byID[customer]
	if len(ids) > n {
		ids = ids[len(ids)-n:]
	}
	out := make([]string, len(ids))
	copy(out, ids)
	return out
}
