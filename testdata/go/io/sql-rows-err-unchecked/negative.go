package repo

import (
	"database/sql"
)

func ids(db *sql.DB) ([]int64, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func handOver(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	return scanAll(rows)
}

func scanAll(rows *sql.Rows) (int, error) {
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

type iter struct{ i int }

func (it *iter) Next() bool { it.i++; return it.i < 3 }

func notRows() int {
	it := &iter{}
	n := 0
	for it.Next() {
		n++
	}
	return n
}
