package cache

import (
	"sync"
	"time"
)

type Store struct {
	mu    *sync.Mutex
	items map[string]string
}

// The lock is behind a pointer: copying Store shares it.
func (s Store) Len() int { return len(s.items) }

type Safe struct {
	mu sync.Mutex
	n  int
}

func (s *Safe) Inc() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

func bump(s *Safe) { s.Inc() }

type Embeds struct {
	*sync.Mutex
	locks []sync.Mutex
	byKey map[string]sync.RWMutex
}

func (e Embeds) Count() int { return len(e.locks) + len(e.byKey) }

// Types declared elsewhere (or in other packages) are not inspected.
func external(t time.Time, o Options) {}

// Parameters of function types do not copy anything by themselves.
type Visitor func(s Safe)

// Value parameters of plain structs.
type Point struct{ X, Y int }

func dist(p Point) int { return p.X + p.Y }

func withWaitGroup(wg sync.WaitGroup) {} // reported by conc/waitgroup-by-value
