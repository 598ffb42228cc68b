package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

func ping(url string) error {
	_, err := http.Get(url) // want
	return err
}

func fire(url string) {
	http.Head(url) // want
}

func status(url string) (int, error) {
	resp, err := http.Get(url) // want
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

type API struct {
	base   string
	client *http.Client
}

func (a *API) fetch(ctx context.Context, id string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.base+"/items/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := a.client.Do(req) // want
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetch %s: status %d", id, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func readAll(url string) ([]byte, error) {
	client := &http.Client{}
	resp, err := client.Get(url) // want
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func touch(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	_, err = c.Do(req) // want
	return err
}

func viaDefault(url string) {
	_, _ = http.DefaultClient.Get(url) // want
}
