package api

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
)

type api struct{}

func (a *api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	write(w, fmt.Sprintf("%d", len(r.URL.Path))) // hot: per request in handler `ServeHTTP`
}

func health(w http.ResponseWriter, r *http.Request) {
	write(w, fmt.Sprintf("%d", len(r.Method))) // hot: per request in handler `health`
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/x", func(w http.ResponseWriter, r *http.Request) {
		write(w, fmt.Sprintf("%d", len(r.Host))) // hot: per request in the HTTP handler at line 21
	})
}

type ordersServer struct{}

type GetRequest struct{ ID string }

type GetReply struct{ Count string }

func (s *ordersServer) Get(ctx context.Context, req *GetRequest) (*GetReply, error) {
	if req.ID == "" {
		return nil, fmt.Errorf("%d", len(req.ID))
	}
	count := fmt.Sprintf("%d", len(req.ID)) // hot: per call of RPC method `Get`
	return &GetReply{Count: count}, nil
}

func (s *ordersServer) lookup(id string) string {
	return fmt.Sprintf("%d", len(id)) // cold
}

func renderRow(w http.ResponseWriter, cells []string) {
	write(w, fmt.Sprintf("%d", len(cells))) // hot: per render in `renderRow`
}

var funcs = template.FuncMap{
	"size": func(s string) string {
		return fmt.Sprintf("%d", len(s)) // hot: per call of the template function at line 49
	},
}

func write(w http.ResponseWriter, s string) { _, _ = w.Write([]byte(s)) }
