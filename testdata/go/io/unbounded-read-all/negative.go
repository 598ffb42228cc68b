package api

import (
	"bytes"
	"encoding/json"
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

// A helper outside a handler: its request may be incoming or outbound.
func decode(req *http.Request, out any) error {
	data, err := ioutil.ReadAll(req.Body) // want
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// The parameter of a Do or RoundTrip is an outbound request: its body is the caller's own data.
type signer struct{ next http.RoundTripper }

func (s *signer) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.Header.Set("X-Signature", sign(body))
	return s.next.RoundTrip(req)
}

type recorder struct{ sent [][]byte }

func (c *recorder) Do(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	c.sent = append(c.sent, body)
	return &http.Response{StatusCode: http.StatusOK}, nil
}

func sign([]byte) string { return "" }

// In a handler, a request built by http.NewRequest that shadows the incoming one.
func forward(w http.ResponseWriter, r *http.Request) {
	{
		r, err := http.NewRequest(http.MethodPost, "http://backend/", bytes.NewReader([]byte("{}")))
		if err != nil {
			return
		}
		_, _ = io.ReadAll(r.Body)
	}
	w.WriteHeader(http.StatusNoContent)
}
