package api

import (
	"io"
	"net/http"
)

func limitedHandler(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	_, _ = w.Write(data)
}

func limitReader(r *http.Request) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r.Body, 1<<20))
}

func response(resp *http.Response) ([]byte, error) {
	// A response body from a server we called, not a client's request.
	return io.ReadAll(resp.Body)
}

type envelope struct{ Body io.Reader }

func notRequest(e envelope) ([]byte, error) {
	return io.ReadAll(e.Body)
}
