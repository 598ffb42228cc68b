package upstream

import (
	"context"
	"io"
	"net"
	"net/http"
	"time"
)

var shared = &http.Client{} // want

func newClient() *http.Client {
	return &http.Client{ // want
		Transport: &http.Transport{MaxIdleConnsPerHost: 8, IdleConnTimeout: time.Minute},
	}
}

func check(url string) error {
	resp, err := http.Get(url) // want
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.DefaultClient.Get("http://backend" + r.URL.Path) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func local() http.Client {
	c := http.Client{CheckRedirect: nil} // want
	return c
}

// Options applied to the client, but none of this file's sets a client's Timeout (only a dialer's).
type dialOption func(*net.Dialer)

func dialTimeout(d time.Duration) dialOption {
	return func(dl *net.Dialer) { dl.Timeout = d }
}

func withOptions(opts ...func(*http.Client)) *http.Client {
	c := &http.Client{} // want
	for _, o := range opts {
		o(c)
	}
	return c
}

// The field whose Timeout is set elsewhere is another one.
type gateway struct {
	api    *http.Client
	health *http.Client
}

func newGateway() *gateway {
	g := &gateway{
		api:    &http.Client{}, // want
		health: &http.Client{Timeout: time.Second},
	}
	return g
}

func (g *gateway) slowHealth() { g.health.Timeout = time.Minute }

// The request's context comes from the caller: nothing says it has a deadline.
func fetchCtx(ctx context.Context, url string) error {
	client := &http.Client{} // want
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// One request has a deadline, the other does not.
func fetchBoth(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	client := &http.Client{} // want
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if _, err := client.Do(req); err != nil {
		return err
	}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
