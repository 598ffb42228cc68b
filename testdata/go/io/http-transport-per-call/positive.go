package api

import (
	"crypto/tls"
	"net/http"
	"time"
)

func fetch(url string) (*http.Response, error) {
	client := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: 10}, // want
		Timeout:   10 * time.Second,
	}
	return client.Get(url)
}

type Client struct {
	tls *tls.Config
}

func (c *Client) do(req *http.Request) (*http.Response, error) {
	tr := &http.Transport{TLSClientConfig: c.tls} // want
	hc := http.Client{Transport: tr, Timeout: 5 * time.Second}
	return hc.Do(req)
}

func proxy(w http.ResponseWriter, r *http.Request) {
	tr := http.DefaultTransport.(*http.Transport).Clone() // want
	tr.DisableCompression = true
	resp, err := tr.RoundTrip(r)
	if err != nil {
		return
	}
	resp.Body.Close()
}

func pollAll(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{}, Timeout: time.Second} // want
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}
