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

// The request gets its context after it is built.
func withContextLater(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	return c.Do(req)
}

func doWithContext(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodPost, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return c.Do(req.WithContext(ctx))
}

func cloned(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	var req *http.Request
	var err error
	req, err = http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return c.Do(req.Clone(ctx))
}

type api struct{ c *http.Client }

func (a *api) send(ctx context.Context, req *http.Request) (*http.Response, error) {
	return a.c.Do(req.WithContext(ctx))
}

// A helper that receives the context and the request puts the one on the other.
func (a *api) fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return a.send(ctx, req)
}

// The context is attached inside a retry closure.
func (a *api) retry(ctx context.Context, url string) error {
	r, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	attempt := func() error {
		resp, err := a.c.Do(r.WithContext(ctx))
		if err != nil {
			return err
		}
		return resp.Body.Close()
	}
	return attempt()
}

// In a handler, the request's own context is attached to the outbound one.
func (a *api) relay(w http.ResponseWriter, in *http.Request) {
	out, err := http.NewRequest(http.MethodGet, "http://backend"+in.URL.Path, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	resp, err := a.c.Do(out.WithContext(in.Context()))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}
