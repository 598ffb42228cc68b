// Package notify posts order events to the customer's webhook.
package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Event is the body of a webhook call.
type Event struct {
	Type    string    `json:"type"`
	OrderID string    `json:"order_id"`
	Status  string    `json:"status"`
	At      time.Time `json:"at"`
}

// Client sends events to one webhook URL.
type Client struct {
	url     string
	http    *http.Client
	retries int
}

// New returns a client for url; an empty url disables notifications.
func New(url string) *Client {
	return &Client{
		url: url,
		http: &http.Client{
			Transport: &http.Transport{
				MaxIdleConnsPerHost: 16,
				IdleConnTimeout:     90 * time.Second,
			},
		},
		retries: 3,
	}
}

// StatusChanged tells the webhook that an order moved to status.
func (c *Client) StatusChanged(ctx context.Context, orderID, status string) error {
	if c.url == "" {
		return nil
	}
	body, err := json.Marshal(Event{Type: "order.status", OrderID: orderID, Status: status, At: time.Now().UTC()})
	if err != nil {
		return err
	}
	var lastErr error
	for attempt := 0; attempt <= c.retries; attempt++ {
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(backoff(attempt)):
			}
		}
		lastErr = c.post(ctx, body)
		if lastErr == nil {
			return nil
		}
	}
	return fmt.Errorf("notify %s after %d attempts: %w", orderID, c.retries+1, lastErr)
}

func backoff(attempt int) time.Duration {
	d := 100 * time.Millisecond << attempt
	if d > 5*time.Second {
		d = 5 * time.Second
	}
	return d
}

func (c *Client) post(ctx context.Context, body []byte) error {
	ctx, _ = context.WithTimeout(ctx, 5*time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("webhook answered %s: %s", resp.Status, strings.TrimSpace(string(msg)))
	}
	return nil
}

// Verify checks that a customer's webhook endpoint answers, before it is saved.
func Verify(ctx context.Context, url string) error {
	client := &http.Client{
		Timeout:   3 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 1, DisableKeepAlives: false},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return fmt.Errorf("webhook %s answered %s", url, resp.Status)
	}
	return nil
}
