package cache

import (
	"io"
	"runtime"
	rdebug "runtime/debug"
	"runtime/pprof"
	"time"
)

type Cache struct{ entries map[string][]byte }

func (c *Cache) Purge() {
	c.entries = map[string][]byte{}
	runtime.GC() // want
}

func (c *Cache) Janitor(stop <-chan struct{}) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			rdebug.FreeOSMemory() // want
		}
	}
}

// The profile written after it is not a heap profile.
func WriteGoroutines(w io.Writer) error {
	runtime.GC() // want
	return pprof.Lookup("goroutine").WriteTo(w, 1)
}

// The heap profile is written in another function, later.
func Snapshot(w io.Writer) {
	runtime.GC() // want
	go func() {
		_ = pprof.WriteHeapProfile(w)
	}()
}

// A heap profile written before the collection does not explain it.
func AfterProfile(w io.Writer) {
	_ = pprof.WriteHeapProfile(w)
	runtime.GC() // want
}

// A threshold is not a switch: the collection runs whenever the cache grows.
func (c *Cache) Put(k string, v []byte, max int) {
	c.entries[k] = v
	if len(c.entries) > max {
		runtime.GC() // want
	}
}
