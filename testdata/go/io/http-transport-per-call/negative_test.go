package api

import (
	"net/http"
	"testing"
)

func TestFetch(t *testing.T) {
	c := &http.Client{Transport: &http.Transport{}}
	_ = c
}
