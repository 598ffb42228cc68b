package api

import (
	"context"
	"net/http"
	"testing"
)

func fetchForTest(ctx context.Context, t *testing.T, url string) {
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}
