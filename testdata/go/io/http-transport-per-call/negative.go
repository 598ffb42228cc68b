package api

import (
	"net/http"
	"sync"
	"time"
)

var shared = &http.Client{
	Transport: &http.Transport{MaxIdleConns: 100},
	Timeout:   10 * time.Second,
}

var once sync.Once
var lazy *http.Client

func client() *http.Client {
	once.Do(func() {
		lazy = &http.Client{Transport: &http.Transport{}}
	})
	return lazy
}

type Client struct {
	hc *http.Client
}

func NewClient() *Client {
	tr := &http.Transport{MaxIdleConnsPerHost: 10}
	return &Client{hc: &http.Client{Transport: tr, Timeout: 5 * time.Second}}
}

func (c *Client) init() {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 50
	c.hc = &http.Client{Transport: tr}
}

func newTransport() http.RoundTripper {
	return &http.Transport{ForceAttemptHTTP2: true}
}

func newClient(timeout time.Duration) *http.Client {
	c := &http.Client{Transport: &http.Transport{}}
	c.Timeout = timeout
	return c
}

// A client without its own Transport shares http.DefaultTransport's pool.
func fetch(url string) (*http.Response, error) {
	c := &http.Client{Timeout: 10 * time.Second}
	return c.Get(url)
}

type Transport struct{}

func other() Transport {
	t := Transport{}
	_ = t
	return Transport{}
}

// A Transport made for one call on purpose, and cleaned up.
func dump(req *http.Request) (*http.Response, error) {
	t := &http.Transport{}
	defer t.CloseIdleConnections()
	return t.RoundTrip(req)
}
