// Package web is the relay's HTTP API.
package web

import (
	"net/http"

	"example.com/relay/internal/broker"
	"example.com/relay/internal/jobs"
)

// ListenAndServe serves the API on addr.
func ListenAndServe(addr string, b *broker.Broker, pool *jobs.Pool) error {
	h := &handlers{broker: b, pool: pool}
	mux := http.NewServeMux()
	mux.HandleFunc("/publish", h.publish)
	mux.HandleFunc("/metrics", h.metrics)
	return http.ListenAndServe(addr, mux)
}
