package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"example.com/orders/internal/orders"
)

// Postgres is the order repository.
type Postgres struct {
	db *sql.DB
}

// NewPostgres wraps an open pool.
func NewPostgres(db *sql.DB) *Postgres {
	return &Postgres{db: db}
}

// Ping checks the connection.
func (p *Postgres) Ping(ctx context.Context) error {
	return p.db.PingContext(ctx)
}

const orderColumns = `id, customer_id, status, total_cents, currency, created_at, updated_at`

func scanOrder(row interface{ Scan(...any) error }) (*orders.Order, error) {
	var o orders.Order
	err := row.Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.Currency, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// Get loads one order with its items.
func (p *Postgres) Get(ctx context.Context, id string) (*orders.Order, error) {
	row := p.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = $1`, id)
	o, err := scanOrder(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, orders.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get order %s: %w", id, err)
	}
	o.Items, err = p.items(ctx, id)
	if err != nil {
		return nil, err
	}
	return o, nil
}

func (p *Postgres) items(ctx context.Context, orderID string) ([]orders.Item, error) {
	rows, err := p.db.QueryContext(ctx,
		`SELECT sku, name, quantity, price_cents FROM order_items WHERE order_id = $1 ORDER BY position`, orderID)
	if err != nil {
		return nil, fmt.Errorf("items of %s: %w", orderID, err)
	}
	defer rows.Close()
	var items []orders.Item
	for rows.Next() {
		var it orders.Item
		if err := rows.Scan(&it.SKU, &it.Name, &it.Quantity, &it.PriceCents); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// ListRecent returns the newest orders, each with its items.
func (p *Postgres) ListRecent(ctx context.Context, limit int) ([]*orders.Order, error) {
	rows, err := p.db.QueryContext(ctx,
		`SELECT `+orderColumns+` FROM orders ORDER BY created_at DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list recent: %w", err)
	}
	defer rows.Close()
	list := make([]*orders.Order, 0, limit)
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, o := range list {
		if o.Items, err = p.items(ctx, o.ID); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// ListByCustomer returns every order of a customer, oldest first.
func (p *Postgres) ListByCustomer(ctx context.Context, customer string) ([]*orders.Order, error) {
	rows, err := p.db.Query(`SELECT `+orderColumns+` FROM orders WHERE customer_id = $1 ORDER BY created_at`, customer)
	if err != nil {
		return nil, fmt.Errorf("list customer %s: %w", customer, err)
	}
	defer rows.Close()
	var list []*orders.Order
	for rows.Next() {
		var o orders.Order
		if err := rows.Scan(&o.ID, &o.CustomerID, &o.Status, &o.TotalCents, &o.Currency, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, err
		}
		list = append(list, &o)
	}
	return list, nil
}

// ListDay returns the orders created on one UTC day.
func (p *Postgres) ListDay(ctx context.Context, day time.Time) ([]*orders.Order, error) {
	from := day.UTC().Truncate(24 * time.Hour)
	rows, err := p.db.QueryContext(ctx,
		`SELECT `+orderColumns+` FROM orders WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at`,
		from, from.Add(24*time.Hour))
	if err != nil {
		return nil, fmt.Errorf("list day: %w", err)
	}
	defer rows.Close()
	var list []*orders.Order
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, o)
	}
	return list, rows.Err()
}

// Insert stores a new order and its items in one transaction.
func (p *Postgres) Insert(ctx context.Context, o *orders.Order) error {
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	o.CreatedAt, o.UpdatedAt = now, now
	_, err = tx.ExecContext(ctx,
		`INSERT INTO orders (`+orderColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		o.ID, o.CustomerID, o.Status, o.TotalCents, o.Currency, o.CreatedAt, o.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert order %s: %w", o.ID, err)
	}
	stmt, err := tx.PrepareContext(ctx,
		`INSERT INTO order_items (order_id, position, sku, name, quantity, price_cents) VALUES ($1, $2, $3, $4, $5, $6)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, it := range o.Items {
		if _, err := stmt.ExecContext(ctx, o.ID, i, it.SKU, it.Name, it.Quantity, it.PriceCents); err != nil {
			return fmt.Errorf("insert item %d of %s: %w", i, o.ID, err)
		}
	}
	return tx.Commit()
}

// SetStatus moves an order to a new status.
func (p *Postgres) SetStatus(ctx context.Context, id string, s orders.Status) error {
	res, err := p.db.ExecContext(ctx, `UPDATE orders SET status = $2, updated_at = now() WHERE id = $1`, id, s)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return orders.ErrNotFound
	}
	return nil
}

// ArchiveBefore moves old orders to the archive table, one transaction per batch of ids.
func (p *Postgres) ArchiveBefore(ctx context.Context, cutoff time.Time, batches [][]string) (int, error) {
	archived := 0
	for _, ids := range batches {
		tx, err := p.db.BeginTx(ctx, nil)
		if err != nil {
			return archived, err
		}
		defer tx.Rollback()
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO orders_archive SELECT * FROM orders WHERE id = $1 AND created_at < $2`, id, cutoff); err != nil {
				return archived, err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM orders WHERE id = $1 AND created_at < $2`, id, cutoff); err != nil {
				return archived, err
			}
		}
		if err := tx.Commit(); err != nil {
			return archived, err
		}
		archived += len(ids)
	}
	return archived, nil
}
