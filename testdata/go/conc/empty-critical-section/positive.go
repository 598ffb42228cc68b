package state

import "sync"

type Server struct {
	mu    sync.RWMutex
	conns int
}

func (s *Server) Count() int {
	s.mu.RLock() // want
	s.mu.RUnlock()
	return s.conns
}

func (s *Server) Add() {
	s.mu.Lock() // want
	s.mu.Unlock()
	s.conns++
}

func global(mu *sync.Mutex, counter *int) {
	if counter != nil {
		mu.Lock() // want
		mu.Unlock()
	}
	*counter++
}
