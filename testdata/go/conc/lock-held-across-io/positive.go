package cache

import (
	"database/sql"
	"net"
	nethttp "net/http"
	"os"
	"os/exec"
	"sync"
	"time"
)

type Store struct {
	mu     sync.RWMutex
	db     *sql.DB
	client *nethttp.Client
	items  map[string][]byte
}

func (s *Store) Fetch(url string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.items[url]; ok {
		return b, nil
	}
	resp, err := nethttp.Get(url) // want
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return nil, nil
}

func (s *Store) Save(path string) error {
	s.mu.Lock()
	err := os.WriteFile(path, s.items[path], 0o644) // want
	s.mu.Unlock()
	return err
}

func (s *Store) Count() (n int, err error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	err = s.db.QueryRow("SELECT count(*) FROM items").Scan(&n) // want
	return n, err
}

func (s *Store) Send(req *nethttp.Request) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	resp, err := s.client.Do(req) // want
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The path that unlocks returns: the code after the if still holds the lock.
func (s *Store) Refresh(key, path string) error {
	s.mu.Lock()
	if _, ok := s.items[key]; ok {
		s.mu.Unlock()
		return nil
	}
	err := os.WriteFile(path, []byte(key), 0o644) // want
	s.items[key] = nil
	s.mu.Unlock()
	return err
}

var mu sync.Mutex

func retry(addrs []string) {
	for _, addr := range addrs {
		mu.Lock()
		conn, err := net.Dial("tcp", addr) // want
		mu.Unlock()
		if err == nil {
			conn.Close()
			return
		}
	}
}

func worker(jobs <-chan string) {
	go func() {
		for job := range jobs {
			mu.Lock()
			time.Sleep(10 * time.Millisecond) // want
			_ = job
			mu.Unlock()
		}
	}()
}

func handle(w nethttp.ResponseWriter, r *nethttp.Request) {
	mu.Lock()
	defer mu.Unlock()
	out, _ := exec.Command("git", "rev-parse", "HEAD").Output() // want
	w.Write(out)
}
