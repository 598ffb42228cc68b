package metrics

import (
	"sync/atomic"
)

type Stats struct {
	hits int64
	last int64
}

type fakeAtomic struct{}

func (fakeAtomic) AddInt64(p *int64, d int64) int64 { *p += d; return *p }

func (s *Stats) Hit() {
	atomic.AddInt64(&s.hits, 1)
	n := atomic.AddInt64(&s.hits, 1)
	s.last = atomic.AddInt64(&s.hits, 1)
	_ = n
}

func shadowed(s *Stats) {
	atomic := fakeAtomic{}
	s.hits = atomic.AddInt64(&s.hits, 1)
}

func loads(s *Stats) {
	s.last = atomic.LoadInt64(&s.last)
}
