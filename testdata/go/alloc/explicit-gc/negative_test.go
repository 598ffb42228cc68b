package cache

import (
	"runtime"
	"testing"
)

func TestNoLeak(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	(&Cache{}).Purge()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapObjects > before.HeapObjects+100 {
		t.Fatal("leak")
	}
}
