// Package store keeps orders in Postgres.
package store

import (
	"context"
	"database/sql"
)

// Order is one order line set.
type Order struct {
	ID    string
	Items []string
}

// Orders is the order repository.
type Orders struct {
	db *sql.DB
}

// Recent loads the newest orders.
func (o *Orders) Recent(ctx context.Context, limit int) ([]Order, error) {
	rows, err := o.db.QueryContext(ctx, `SELECT id FROM orders ORDER BY created_at DESC LIMIT $1`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Order
	for rows.Next() {
		var x Order
		if err := rows.Scan(&x.ID); err != nil {
			return nil, err
		}
		list = append(list, x)
	}
	return list, rows.Err()
}

// Save stores an order and its items, one statement per item.
func (o *Orders) Save(ctx context.Context, x Order) error {
	tx, err := o.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, item := range x.Items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO items (order_id, name) VALUES ($1, $2)`, x.ID, item); err != nil {
			return err
		}
	}
	return tx.Commit()
}
