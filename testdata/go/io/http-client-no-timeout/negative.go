package upstream

import (
	"context"
	"net/http"
	"time"
)

var withTimeout = &http.Client{Timeout: 10 * time.Second}

func setLater() *http.Client {
	c := &http.Client{}
	c.Timeout = 30 * time.Second
	return c
}

func withContext(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	// DefaultClient.Do with a request that carries the caller's context: its deadline bounds the call.
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type Client struct {
	Name string
}

type cache map[string]string

func (c cache) Get(k string) string { return c[k] }

func own() (*Client, string) {
	http := cache{}
	return &Client{Name: "x"}, http.Get("k")
}
