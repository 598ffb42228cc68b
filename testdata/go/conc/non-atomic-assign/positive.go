package metrics

import (
	"sync/atomic"
)

type Stats struct {
	hits  int64
	flags uint32
}

var total int64

func (s *Stats) Hit() {
	s.hits = atomic.AddInt64(&s.hits, 1) // want
}

func bump() {
	total = atomic.AddInt64(&total, 1) // want
}

func (s *Stats) Reset() uint32 {
	s.flags = atomic.SwapUint32(&s.flags, 0) // want
	return s.flags
}
