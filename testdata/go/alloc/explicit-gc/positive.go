package cache

import (
	"runtime"
	rdebug "runtime/debug"
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
