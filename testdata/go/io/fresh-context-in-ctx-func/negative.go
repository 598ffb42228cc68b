package store

import (
	"context"
	"log"
	"net/http"
	"time"
)

func noContext() context.Context {
	return context.Background()
}

func withDefault(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx
}

func run(ctx context.Context, srv *http.Server) error {
	<-ctx.Done()
	// The caller's context is already cancelled: shutting down needs a fresh deadline.
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

func (s *Store) audit(w http.ResponseWriter, r *http.Request) {
	go func() {
		// Detached on purpose: the audit record must outlive the request.
		if err := s.db.PingContext(context.Background()); err != nil {
			log.Print(err)
		}
	}()
}

func ignored(_ context.Context) context.Context {
	return context.TODO()
}

type bg struct{}

func (bg) Background() context.Context { return nil }

func shadow(ctx context.Context) context.Context {
	context := bg{}
	return context.Background()
}

func (s *Store) enqueue(w http.ResponseWriter, r *http.Request) {
	go s.reindex(context.Background())
	w.WriteHeader(http.StatusAccepted)
}

func (s *Store) reindex(ctx context.Context) {}

// The parameter of a Do or RoundTrip is an outbound request, not the caller's request.
type fakeClient struct {
	responses chan *http.Response
}

func (c *fakeClient) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	select {
	case resp := <-c.responses:
		return resp, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

type retrying struct{ next http.RoundTripper }

func (t retrying) RoundTrip(req *http.Request) (*http.Response, error) {
	wait, cancel := context.WithTimeout(context.TODO(), time.Second)
	defer cancel()
	<-wait.Done()
	return t.next.RoundTrip(req)
}

// A helper handed a request, outside any handler.
func logRequest(req *http.Request) {
	ctx := context.Background()
	_ = ctx
}

// Compared with, not used.
func dial(ctx context.Context) bool {
	return ctx != context.Background()
}

type conn struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// The connection's own context lives as long as the connection, beyond the dial that makes it.
func dialConn(ctx context.Context, target string) *conn {
	c := &conn{}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	return c
}

type valuesOnly struct {
	context.Context
	values context.Context
}

// A context that keeps the caller's values but never its cancellation, on purpose.
func keepValues(lookupCtx context.Context) context.Context {
	return &valuesOnly{Context: context.Background(), values: lookupCtx}
}
