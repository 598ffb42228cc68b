package upstream

import (
	"io"
	"net/http"
	"time"
)

var shared = &http.Client{} // want

func newClient() *http.Client {
	return &http.Client{ // want
		Transport: &http.Transport{ResponseHeaderTimeout: 5 * time.Second},
	}
}

func check(url string) error {
	resp, err := http.Get(url) // want
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.DefaultClient.Get("http://backend" + r.URL.Path) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func local() http.Client {
	c := http.Client{CheckRedirect: nil} // want
	return c
}
