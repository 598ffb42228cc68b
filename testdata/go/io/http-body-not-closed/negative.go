package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
)

func closed(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func closedInLiteral(url string, out any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	return json.NewDecoder(resp.Body).Decode(out)
}

// The caller closes it.
func open(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func handedOver(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return consume(resp)
}

func consume(resp *http.Response) error {
	defer resp.Body.Close()
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

type result struct {
	body io.ReadCloser
}

func stored(url string) (*result, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	return &result{body: resp.Body}, nil
}

func namedResult(url string) (resp *http.Response, err error) {
	resp, err = http.Get(url)
	return
}

type cache struct{}

func (cache) Get(key string) (string, error) { return key, nil }

func notHTTP(c cache) (string, error) {
	// Get on something that is not an HTTP client.
	v, err := c.Get("k")
	if err != nil {
		return "", err
	}
	return v, nil
}

func shadowedPackage(url string) error {
	http := cache{}
	_, err := http.Get(url)
	return err
}
