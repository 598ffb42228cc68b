package store

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

type Store struct {
	db *sql.DB
}

func (s *Store) Save(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(context.Background(), "UPDATE t SET seen = now() WHERE id = $1", id) // want
	return err
}

func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
	}
}

func (s *Store) each(ctx context.Context, ids []int64) {
	for _, id := range ids {
		func() {
			_ = s.Save(context.Background(), id) // want
		}()
	}
	_ = ctx
}

func (s *Store) callback(ctx context.Context) func() error {
	return func() error {
		return s.db.PingContext(ctx)
	}
}

// Derived and kept in a local: the work below still ignores the caller.
func fetchAll(ctx context.Context, urls []string, get func(context.Context, string)) {
	timed, cancel := context.WithTimeout(context.Background(), time.Minute) // want
	defer cancel()
	for _, u := range urls {
		get(timed, u)
	}
}
