package repo

import (
	"context"
	"database/sql"
)

type User struct {
	ID   int64
	Name string
}

func names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() { // want
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func users(tx *sql.Tx) ([]User, error) {
	rows, err := tx.Query("SELECT id, name FROM users") // want
	if err != nil {
		return nil, err
	}
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func count(db *sql.DB) int {
	rows, err := db.Query("SELECT 1") // want
	if err != nil {
		return 0
	}
	n := 0
	for rows.Next() { // want
		n++
	}
	return n
}
