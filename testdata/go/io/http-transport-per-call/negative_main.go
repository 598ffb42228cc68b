package main

import (
	"net/http"
	"time"
)

func main() {
	c := &http.Client{Transport: &http.Transport{}, Timeout: time.Minute}
	resp, err := c.Get("https://example.com")
	if err == nil {
		resp.Body.Close()
	}
}
