package client

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

type api struct{ client *http.Client }

// Drained before the deferred close.
func (a *api) ping(url string) (bool, error) {
	resp, err := a.client.Get(url)
	if err != nil {
		return false, err
	}
	defer func() {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	return resp.StatusCode == http.StatusOK, nil
}

// The error body is read into the error.
func (a *api) get(url string, out any) error {
	resp, err := a.client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return fmt.Errorf("status %d: %s", resp.StatusCode, msg)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// The response goes to a helper that may drain it.
func (a *api) post(url string) error {
	resp, err := a.client.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errorFrom(resp)
	}
	return nil
}

func errorFrom(resp *http.Response) error { return fmt.Errorf("status %s", resp.Status) }

// A HEAD request has no body.
func (a *api) exists(url string) bool {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return false
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Returned to the caller, who closes it.
func (a *api) open(url string) (*http.Response, error) {
	resp, err := a.client.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

type pool struct{}

func (pool) Get(string) (*http.Response, error) { return nil, nil }

// Not an HTTP client.
func fromPool(p pool, key string) int {
	resp, err := p.Get(key)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	return resp.StatusCode
}

// An early return on the error, not on the status, before the body is read.
func (a *api) read(url string, ok bool) ([]byte, error) {
	resp, err := a.client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if !ok {
		return nil, nil
	}
	return io.ReadAll(resp.Body)
}

// A one-off request, sent once at start-up: losing its connection is noise.
func loadRemoteConfig(url string) (bool, error) {
	resp, err := http.Get(url)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}
