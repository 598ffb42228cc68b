package registry

import "sync"

// Writers as many as readers.
type Counter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (c *Counter) Get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[k]
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	c.counts[k]++
	c.mu.Unlock()
}

// A lookup that also counts hits writes under the lock: it needs the exclusive lock.
type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
	hits  int
}

func (c *Cache) Get(k string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hits++
	return c.items[k]
}

func (c *Cache) Peek(k string) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.touch(k)
	return c.items[k]
}

func (c *Cache) Has(k string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.items
	_, ok := m[k]
	return ok
}

func (c *Cache) Drop(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	forget(c.items, k)
}

func (c *Cache) touch(string) {}

func forget(m map[string][]byte, k string) { delete(m, k) }

// Already a read-write lock.
type Table struct {
	mu   sync.RWMutex
	rows map[int]string
}

func (t *Table) Row(i int) string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[i]
}

func (t *Table) Rows() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.rows)
}

// A condition variable waits on the mutex: it cannot simply become an RWMutex.
type Queue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	pending map[int]bool
}

func (q *Queue) Pending(i int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.pending[i]
}

func (q *Queue) Count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.pending)
}

// Two mutexes: which one guards the map is not clear.
type Pair struct {
	a, b sync.Mutex
	m    map[int]int
}

func (p *Pair) Get(i int) int {
	p.a.Lock()
	defer p.a.Unlock()
	return p.m[i]
}

func (p *Pair) Len() int {
	p.a.Lock()
	defer p.a.Unlock()
	return len(p.m)
}

// A type named Mutex of this package is not sync.Mutex.
type Mutex struct{}

func (Mutex) Lock()   {}
func (Mutex) Unlock() {}

type Local struct {
	mu Mutex
	m  map[int]int
}

func (l *Local) Get(i int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.m[i]
}

func (l *Local) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.m)
}

// Another type locks the node's mutex and writes under it: the node's own methods are not the whole story.
type node struct {
	mu    sync.Mutex
	data  []byte
	props map[string]string
}

func (n *node) Prop(k string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.props[k]
}

func (n *node) Size() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.data) + len(n.props)
}

type file struct{ n *node }

func (f *file) Write(p []byte) {
	f.n.mu.Lock()
	f.n.data = append(f.n.data, p...)
	f.n.mu.Unlock()
}

// A loop that unlocks on its way out: where the lock is released is not plain, so the method is not counted
// as a reader.
type pool struct {
	mu    sync.Mutex
	conns map[string][]int
}

func (p *pool) Get(addr string) int {
	p.mu.Lock()
	for _, c := range p.conns[addr] {
		if c > 0 {
			p.mu.Unlock()
			return c
		}
	}
	p.mu.Unlock()
	return 0
}

func (p *pool) Has(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns[addr]) > 0
}

func (p *pool) Count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.conns)
}

func (p *pool) Add(addr string, c int) {
	p.mu.Lock()
	p.conns[addr] = append(p.conns[addr], c)
	p.mu.Unlock()
}
