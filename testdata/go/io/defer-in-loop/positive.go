package archive

import (
	"database/sql"
	"log"
	"os"
	"sync"
)

func sizes(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want
		info, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += info.Size()
	}
	return total, nil
}

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) addAll(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() // want
		c.n[k]++
	}
}

func migrate(db *sql.DB, steps []string) error {
	for i := 0; i < len(steps); i++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer func() { // want
			_ = tx.Rollback()
		}()
		if _, err := tx.Exec(steps[i]); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func trace(items []string) {
	for _, it := range items {
		if it != "" {
			defer log.Printf("done with %s", it) // want
		}
	}
}

func serve(accept func() (*os.File, error)) {
	for {
		conn, err := accept()
		if err != nil {
			continue
		}
		defer conn.Close() // want
		handle(conn)
	}
}

func handle(*os.File) {}
