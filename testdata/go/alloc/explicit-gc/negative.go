package cache

import (
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
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

// A collection right before writing a heap profile: the documented way to get up-to-date statistics.
func WriteMemProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return err
	}
	return nil
}

func DumpHeap(w io.Writer, gc bool) error {
	if gc {
		runtime.GC()
	}
	return pprof.Lookup("heap").WriteTo(w, 0)
}

func ServeHeap(w io.Writer, name string, gc bool) {
	p := pprof.Lookup(name)
	if gc {
		runtime.GC()
	}
	_ = p.WriteTo(w, 1)
}

func Dump(f *os.File) {
	runtime.GC()
	debug.WriteHeapDump(f.Fd())
}

// Switches: a test hook, a benchmark mode, a debug flag. The collection runs when someone asks for it.
var callGC bool

type mode int

const GC mode = 1

type options struct{ ForceGC bool }

func Call(f func()) {
	if callGC {
		runtime.GC()
	}
	f()
}

func Measure(m mode, o *options, force *bool) {
	if m == GC {
		runtime.GC()
	}
	if o.ForceGC {
		runtime.GC()
	}
	if *force {
		debug.FreeOSMemory()
	}
}

type pkg struct{ name string }

// Collecting to see a finalizer run: a check that the object is really freed.
func free(p *pkg) bool {
	done := make(chan struct{})
	runtime.SetFinalizer(p, func(*pkg) { close(done) })
	*p = pkg{}
	for i := 0; i < 10; i++ {
		select {
		case <-done:
			return true
		default:
			runtime.GC()
		}
	}
	return false
}
