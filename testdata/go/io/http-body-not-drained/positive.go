package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	web "net/http"
)

type API struct {
	client *web.Client
	base   string
}

// Only the status is looked at: the body is never read.
func (a *API) Healthy() bool {
	resp, err := a.client.Get(a.base + "/healthz")
	if err != nil {
		return false
	}
	defer resp.Body.Close() // want
	return resp.StatusCode == web.StatusOK
}

// The error path returns before the decoder reads anything.
func (a *API) User(id string, out any) error {
	req, err := web.NewRequest(web.MethodGet, a.base+"/users/"+id, nil)
	if err != nil {
		return err
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != web.StatusOK {
		return fmt.Errorf("user %s: status %d", id, resp.StatusCode) // want
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

var errNotFound = errors.New("not found")

// A handler: a switch on the upstream status, and the default client.
func proxy(w web.ResponseWriter, r *web.Request) {
	resp, err := web.Get("http://backend" + r.URL.Path)
	if err != nil {
		web.Error(w, err.Error(), web.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case web.StatusNotFound:
		web.Error(w, errNotFound.Error(), web.StatusNotFound)
		return // want
	case web.StatusOK:
	}
	io.Copy(w, resp.Body)
}

// A health endpoint that asks the backend on every request and reads only the status.
func health(w web.ResponseWriter, r *web.Request) {
	resp, err := web.DefaultClient.Get("http://backend/healthz")
	if err != nil {
		w.WriteHeader(web.StatusServiceUnavailable)
		return
	}
	defer resp.Body.Close() // want
	w.WriteHeader(resp.StatusCode)
}
