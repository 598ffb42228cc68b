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

// A WithTimeout-style option sets the Timeout of the client kept in a field.
type Service struct {
	hc *http.Client
}

type Option func(*Service)

func WithTimeout(d time.Duration) Option {
	return func(s *Service) { s.hc.Timeout = d }
}

func NewService(opts ...Option) *Service {
	s := &Service{hc: &http.Client{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Service) reset(d time.Duration) {
	s.hc = &http.Client{}
	s.hc.Timeout = d
}

// Options applied to the client itself, one of which sets its Timeout.
type ClientOption func(*http.Client)

func Timeout(d time.Duration) ClientOption {
	return func(c *http.Client) { c.Timeout = d }
}

func newHTTPClient(opts ...ClientOption) *http.Client {
	c := &http.Client{Transport: http.DefaultTransport}
	for _, opt := range opts {
		opt(c)
	}
	return c
}

// Every request sent with the client carries a deadline.
func fetchWithDeadline(parent context.Context, url string) error {
	ctx, cancel := context.WithTimeout(parent, 5*time.Second)
	defer cancel()
	client := &http.Client{Transport: http.DefaultTransport}
	defer client.CloseIdleConnections()
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

func fetchBefore(url string, at time.Time) error {
	ctx, cancel := context.WithDeadline(context.Background(), at)
	defer cancel()
	c := http.Client{}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req = req.WithContext(ctx)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// A server that never answers cannot hang the caller: the Transport bounds the wait for the response.
func headerBounded() *http.Client {
	return &http.Client{
		Transport: &http.Transport{ResponseHeaderTimeout: 5 * time.Second},
	}
}
