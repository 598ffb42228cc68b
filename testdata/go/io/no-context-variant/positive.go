package gateway

import (
	"context"
	dbsql "database/sql"
	"net"
	"net/http"
	osexec "os/exec"
)

func fetch(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func probe(ctx context.Context, addr string) error {
	conn, err := net.Dial("tcp", addr) // want
	if err != nil {
		return err
	}
	return conn.Close()
}

func convert(w http.ResponseWriter, r *http.Request) {
	out, err := osexec.Command("convert", "in.png", "out.jpg").CombinedOutput() // want
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
	}
}

type Orders struct {
	db    *dbsql.DB
	byID  *dbsql.Stmt
	label string
}

func (o *Orders) Count(ctx context.Context, customer string) (int, error) {
	var n int
	err := o.db.QueryRow("SELECT count(*) FROM orders WHERE customer = $1", customer).Scan(&n) // want
	return n, err
}

func (o *Orders) Name(ctx context.Context, id string) (string, error) {
	var name string
	err := o.byID.QueryRow(id).Scan(&name) // want
	return name, err
}

func rename(ctx context.Context, db *dbsql.DB, id, name string) error {
	tx, err := db.Begin() // want
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE orders SET name = $1 WHERE id = $2", name, id); err != nil { // want
		return err
	}
	return tx.Commit()
}

func healthz(w http.ResponseWriter, r *http.Request) {
	db, err := dbsql.Open("postgres", "")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	if err := db.Ping(); err != nil { // want
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}

func purge(ctx context.Context, tx *dbsql.Tx) error {
	stmt, err := tx.Prepare("DELETE FROM orders WHERE id = $1") // want
	if err != nil {
		return err
	}
	return stmt.Close()
}

type apiClient struct{ c *http.Client }

func (a *apiClient) sendPlain(req *http.Request) (*http.Response, error) {
	return a.c.Do(req)
}

// The helper gets the request but not the context.
func (a *apiClient) fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want
	if err != nil {
		return nil, err
	}
	return a.sendPlain(req)
}

// WithContext is called on another variable of the same name, in a nested block.
func (a *apiClient) shadowed(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want
	if err != nil {
		return nil, err
	}
	{
		req := &http.Request{}
		_ = req.WithContext(ctx)
	}
	return a.c.Do(req)
}

// The context is attached to the first request only; the second one goes out without it.
func (a *apiClient) twice(ctx context.Context, url string) error {
	first, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if _, err := a.c.Do(first.WithContext(ctx)); err != nil {
		return err
	}
	second, err := http.NewRequest(http.MethodGet, url, nil) // want
	if err != nil {
		return err
	}
	_, err = a.c.Do(second)
	return err
}
