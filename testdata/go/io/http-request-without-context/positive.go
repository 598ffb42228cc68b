package api

import (
	"context"
	"io"
	h "net/http"
	"net/url"
)

type Gateway struct {
	client *h.Client
	base   string
}

func (g *Gateway) ServeHTTP(w h.ResponseWriter, r *h.Request) {
	resp, err := g.client.Get(g.base + r.URL.Path) // want
	if err != nil {
		h.Error(w, err.Error(), h.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

func notify(w h.ResponseWriter, r *h.Request) {
	func() {
		resp, err := h.PostForm("http://hooks/notify", url.Values{"id": {"1"}}) // want
		if err == nil {
			resp.Body.Close()
		}
	}()
}

func (g *Gateway) Sync(ctx context.Context) error {
	resp, err := h.DefaultClient.Get(g.base + "/sync") // want
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
