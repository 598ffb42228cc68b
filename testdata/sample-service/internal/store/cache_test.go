package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"example.com/orders/internal/orders"
)

func TestCacheExpires(t *testing.T) {
	c := NewCache(20 * time.Millisecond)
	defer c.Close()
	c.Set("a", &orders.Order{ID: "a"})
	if _, ok := c.Get("a"); !ok {
		t.Fatal("fresh entry missing")
	}
	time.Sleep(30 * time.Millisecond)
	if _, ok := c.Get("a"); ok {
		t.Fatal("expired entry returned")
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := NewCache(time.Minute)
	defer c.Close()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				id := fmt.Sprintf("o-%d-%d", n, j)
				c.Set(id, &orders.Order{ID: id})
				c.Get(id)
			}
		}(i)
	}
	wg.Wait()
	if got := c.Stats().Entries; got != 800 {
		t.Fatalf("entries = %d, want 800", got)
	}
}

func TestGetOrLoadCachesErrorsNot(t *testing.T) {
	c := NewCache(time.Minute)
	defer c.Close()
	calls := 0
	load := func() (*orders.Order, error) {
		calls++
		if calls == 1 {
			return nil, orders.ErrNotFound
		}
		return &orders.Order{ID: "x"}, nil
	}
	if _, err := c.GetOrLoad("x", load); err == nil {
		t.Fatal("want the first load's error")
	}
	for i := 0; i < 3; i++ {
		if _, err := c.GetOrLoad("x", load); err != nil {
			t.Fatal(err)
		}
	}
	if calls != 2 {
		t.Fatalf("load called %d times, want 2", calls)
	}
}
