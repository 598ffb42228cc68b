package gateway

import (
	"context"
	"net"
	"net/http"
	osexec "os/exec"
)

func fetch(ctx context.Context, c *http.Client, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // want
	if err != nil {
		return nil, err
	}
	return c.Do(req)
}

func probe(ctx context.Context, addr string) error {
	conn, err := net.Dial("tcp", addr) // want
	if err != nil {
		return err
	}
	return conn.Close()
}

func convert(w http.ResponseWriter, r *http.Request) {
	out, err := osexec.Command("convert", "in.png", "out.jpg").CombinedOutput() // want
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
	}
}
