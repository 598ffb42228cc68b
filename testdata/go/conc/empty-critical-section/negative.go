package state

import "sync"

type Server struct {
	mu    sync.RWMutex
	other sync.Mutex
	conns int
}

func (s *Server) Count() int {
	s.mu.RLock()
	n := s.conns
	s.mu.RUnlock()
	return n
}

func (s *Server) Mixed() {
	// Different locks.
	s.mu.Lock()
	s.other.Unlock()
	// Read lock released with the wrong method is another rule's business.
	s.mu.RLock()
	defer s.mu.RUnlock()
}

func (s *Server) Barrier() {
	s.mu.Lock()
	// Wait for any writer in flight to finish: intentional barrier.
	s.mu.Unlock()
}

func (s *Server) Deferred() {
	s.mu.Lock()
	defer s.mu.Unlock()
}

func fileLock(l interface{ Lock(int) }) {
	l.Lock(1)
}
