package api

import (
	"context"
	"net/http"
)

type Store struct {
	client *http.Client
	cache  Cache
}

type Cache interface {
	Get(key string) (string, error)
}

// The request carries the incoming request's context.
func (s *Store) handle(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://backend/items", nil)
	if err != nil {
		return
	}
	resp, err := s.client.Do(req)
	if err == nil {
		resp.Body.Close()
	}
	_, _ = s.cache.Get("items")
}

// No context at hand.
func warm(client *http.Client, url string) {
	resp, err := client.Get(url)
	if err == nil {
		resp.Body.Close()
	}
}

// A goroutine detaches from the caller on purpose.
func (s *Store) refresh(ctx context.Context, url string) {
	go func() {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
		}
	}()
}

type fakeHTTP struct{}

func (fakeHTTP) Get(string) (*http.Response, error) { return nil, nil }

// A local value named like the package.
func local(ctx context.Context) {
	http := fakeHTTP{}
	_, _ = http.Get("x")
}
