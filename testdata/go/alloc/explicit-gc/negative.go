package cache

import (
	"runtime"
	"runtime/debug"
)

type collector struct{}

func (collector) GC() {}

func Limits() {
	debug.SetMemoryLimit(512 << 20)
	debug.SetGCPercent(200)
}

func Stats() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func Local() {
	runtime := collector{}
	runtime.GC()
}
