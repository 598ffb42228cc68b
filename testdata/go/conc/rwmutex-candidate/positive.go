package registry

import (
	gosync "sync"
)

type Registry struct {
	mu    gosync.Mutex // want
	peers map[string]string
	name  string
}

func (r *Registry) Get(id string) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	addr, ok := r.peers[id]
	return addr, ok
}

func (r *Registry) Len() int {
	r.mu.Lock()
	n := len(r.peers)
	r.mu.Unlock()
	return n
}

func (r *Registry) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.peers))
	for id := range r.peers {
		out = append(out, r.name+"/"+id)
	}
	return out
}

func (r *Registry) Set(id, addr string) {
	r.mu.Lock()
	r.peers[id] = addr
	r.mu.Unlock()
}

// A method that never locks does not count either way.
func (r *Registry) setLocked(id string) { r.peers[id] = "" }

// An embedded mutex, locked through the receiver.
type Sessions struct {
	gosync.Mutex // want
	byID         map[int]*Session
}

type Session struct{ User string }

func (s *Sessions) Lookup(id int) *Session {
	s.Lock()
	defer s.Unlock()
	return s.byID[id]
}

func (s *Sessions) Users() []string {
	s.Lock()
	defer s.Unlock()
	var users []string
	for _, sess := range s.byID {
		users = append(users, sess.User)
	}
	return users
}
