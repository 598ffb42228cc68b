package cache

import (
	"net/http"
	"os"
	"sync"
	"time"
)

type Cache struct {
	mu    sync.Mutex
	items map[string][]byte
	pool  Pool
}

type Pool interface{ Do(f func()) error }

// The lock only guards the map: the request is made outside it.
func (c *Cache) Get(url string) ([]byte, error) {
	c.mu.Lock()
	b, ok := c.items[url]
	c.mu.Unlock()
	if ok {
		return b, nil
	}
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	c.mu.Lock()
	c.items[url] = nil
	c.mu.Unlock()
	return nil, nil
}

// A goroutine started under the lock does not hold it.
func (c *Cache) Warm(urls []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, u := range urls {
		go func(u string) {
			resp, err := http.Get(u)
			if err == nil {
				resp.Body.Close()
			}
		}(u)
	}
}

// Deferred calls and callbacks run later.
func (c *Cache) Reset(dir string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer os.RemoveAll(dir)
	c.items = map[string][]byte{}
	return c.pool.Do(func() { _, _ = os.ReadFile(dir) })
}

// An unlock on some path that goes on: what follows may run unlocked.
func (c *Cache) Maybe(path string, done bool) {
	c.mu.Lock()
	if done {
		c.mu.Unlock()
	}
	_, _ = os.ReadFile(path)
}

type fake struct{}

func (fake) Get(string) (*http.Response, error) { return nil, nil }

// A local value named like the package, and a Do of something that is not an HTTP client.
func (c *Cache) Local(url string) {
	http := fake{}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, _ = http.Get(url)
	_ = c.pool.Do(nil)
}

// Opening a file is one system call; streaming writes under a store's lock keep their order.
func (c *Cache) Append(f *os.File, b []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := f.Write(b)
	return err
}

// The lock is released around the sleep, on a path that then returns.
func (c *Cache) WaitFilled(k string) {
	c.mu.Lock()
	if _, ok := c.items[k]; !ok {
		for !c.filled(k) {
			c.mu.Unlock()
			time.Sleep(time.Millisecond)
			c.mu.Lock()
		}
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
}

func (c *Cache) filled(k string) bool { return c.items[k] != nil }

// Reading a small file under the lock: start-up and recovery paths do this; not reported.
func (c *Cache) Load(path string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, err := os.ReadFile(path)
	c.items[path] = b
	return err
}
