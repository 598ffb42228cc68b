package gateway

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"time"
)

func noContext(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil)
}

func withContext(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

func dialer(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: time.Second}
	return d.DialContext(ctx, "tcp", addr)
}

func background(ctx context.Context) {
	go func() {
		// A goroutine that outlives the caller on purpose.
		_ = exec.Command("sync").Run()
	}()
}

type shell struct{}

func (shell) Command(string) error { return nil }

func shadowed(ctx context.Context) error {
	exec := shell{}
	return exec.Command("ls")
}

// Query methods on types that are not database/sql handles.
type Index struct{}

func (Index) Query(q string) []string { return nil }

type Cache struct {
	db *Index
}

type Store struct {
	db *sql.DB
}

func (c *Cache) Lookup(ctx context.Context, q string) []string {
	return c.db.Query(q)
}

func search(ctx context.Context, idx *Index, q string) []string {
	return idx.Query(q)
}

// Unknown receiver type: not matched by name alone.
func (s *Store) viaClient(ctx context.Context, client interface{ Exec(string) error }) error {
	return client.Exec("VACUUM")
}

// No context at hand.
func (s *Store) Count() (int, error) {
	var n int
	err := s.db.QueryRow("SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

// Already context-aware.
func (s *Store) Touch(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET touched = now() WHERE id = $1", id)
	return err
}

// In a goroutine the request context may be gone: not reported.
func (s *Store) warm(ctx context.Context) {
	go func() {
		_ = s.db.Ping()
	}()
}

// A local named sql is not the package.
func shadowed(ctx context.Context) error {
	type handle struct{ Ping func() error }
	var sql handle
	var db *struct{ sql handle }
	_ = db
	return sql.Ping()
}
