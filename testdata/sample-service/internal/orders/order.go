// Package orders holds the domain types shared by the API, the store and the workers.
package orders

import (
	"errors"
	"time"
)

// Status is where an order is in its life.
//
//go:generate stringer -type=Status
type Status int

const (
	StatusPending Status = iota
	StatusPaid
	StatusShipped
	StatusCancelled
)

// Order is one customer order.
type Order struct {
	ID         string    `json:"id"`
	CustomerID string    `json:"customer_id"`
	Status     Status    `json:"status"`
	Items      []Item    `json:"items"`
	TotalCents int64     `json:"total_cents"`
	Currency   string    `json:"currency"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Item is one line of an order.
type Item struct {
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	Quantity   int    `json:"quantity"`
	PriceCents int64  `json:"price_cents"`
}

// ErrNotFound is returned when an order does not exist.
var ErrNotFound = errors.New("order not found")

// ErrInvalid is returned for an order that fails validation.
var ErrInvalid = errors.New("invalid order")

// Total recomputes the order total from its items.
func (o *Order) Total() int64 {
	var total int64
	for _, it := range o.Items {
		total += int64(it.Quantity) * it.PriceCents
	}
	return total
}

// Validate checks the fields a client must send.
func (o *Order) Validate() error {
	if o.CustomerID == "" || len(o.Items) == 0 {
		return ErrInvalid
	}
	for _, it := range o.Items {
		if it.Quantity <= 0 || it.PriceCents < 0 || it.SKU == "" {
			return ErrInvalid
		}
	}
	return nil
}
