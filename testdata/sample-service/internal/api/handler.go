// Package api is the HTTP surface of the order service.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"example.com/orders/internal/azure"
	"example.com/orders/internal/notify"
	"example.com/orders/internal/orders"
	"example.com/orders/internal/report"
	"example.com/orders/internal/store"
	"example.com/orders/internal/worker"
)

const maxBodyBytes = 1 << 20

var orderIDPattern = regexp.MustCompile(`^ord_[0-9a-z]{12}$`)

// Handler serves the /orders endpoints.
type Handler struct {
	orders   *store.Postgres
	cache    *store.Cache
	notifier *notify.Client
	invoices *azure.InvoiceStore
	pool     *worker.Pool
	recent   *store.CustomerIndex
}

// NewHandler wires a Handler.
func NewHandler(o *store.Postgres, c *store.Cache, n *notify.Client, inv *azure.InvoiceStore, p *worker.Pool) *Handler {
	return &Handler{orders: o, cache: c, notifier: n, invoices: inv, pool: p, recent: store.NewCustomerIndex()}
}

// Routes registers the endpoints on mux.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("/healthz", h.health)
	mux.HandleFunc("/orders", h.orders_)
	mux.HandleFunc("/orders/", h.order)
	mux.HandleFunc("/orders/import", h.importOrders)
	mux.HandleFunc("/orders/export", h.export)
	mux.HandleFunc("/customers/", h.customerOrders)
	mux.HandleFunc("/recent/", h.recentOrders)
}

func (h *Handler) recentOrders(w http.ResponseWriter, r *http.Request) {
	customer := strings.TrimPrefix(r.URL.Path, "/recent/")
	writeJSON(w, http.StatusOK, h.recent.Recent(customer, 10))
}

func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	if err := h.orders.Ping(ctx); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) orders_(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		h.list(w, r)
	case http.MethodPost:
		h.create(w, r)
	default:
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	limit := 50
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > 500 {
			http.Error(w, "bad limit", http.StatusBadRequest)
			return
		}
		limit = n
	}
	list, err := h.orders.ListRecent(r.Context(), limit)
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("X-Page-Size", fmt.Sprintf("%d", limit))
	writeJSON(w, http.StatusOK, list)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	var o orders.Order
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		http.Error(w, "bad order: "+err.Error(), http.StatusBadRequest)
		return
	}
	if err := o.Validate(); err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	o.TotalCents = o.Total()
	if err := h.orders.Insert(r.Context(), &o); err != nil {
		h.fail(w, err)
		return
	}
	h.cache.Set(o.ID, &o)
	h.recent.Add(o.CustomerID, o.ID)
	h.pool.Submit(func(ctx context.Context) error {
		return h.notifier.StatusChanged(ctx, o.ID, o.Status.String())
	})
	writeJSON(w, http.StatusCreated, &o)
}

func (h *Handler) order(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/orders/")
	if !orderIDPattern.MatchString(id) {
		http.NotFound(w, r)
		return
	}
	o, err := h.cache.GetOrLoad(id, func() (*orders.Order, error) {
		return h.orders.Get(r.Context(), id)
	})
	if err != nil {
		h.fail(w, err)
		return
	}
	if r.Method == http.MethodDelete {
		h.cancel(w, r, o)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request, o *orders.Order) {
	if err := h.orders.SetStatus(context.Background(), o.ID, orders.StatusCancelled); err != nil {
		h.fail(w, err)
		return
	}
	h.cache.Delete(o.ID)
	w.WriteHeader(http.StatusNoContent)
}

// importOrders accepts a JSON array of orders from the back office and stores the ones not seen before.
func (h *Handler) importOrders(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	var batch []orders.Order
	if err := json.Unmarshal(body, &batch); err != nil {
		http.Error(w, "bad batch: "+err.Error(), http.StatusBadRequest)
		return
	}
	var fresh []orders.Order
	for _, o := range batch {
		seen := false
		for _, f := range fresh {
			if f.ID == o.ID {
				seen = true
				break
			}
		}
		if !seen {
			fresh = append(fresh, o)
		}
	}
	imported := 0
	for i := range fresh {
		if err := h.orders.Insert(r.Context(), &fresh[i]); err != nil {
			log.Printf("import %s: %v", fresh[i].ID, err)
			continue
		}
		imported++
	}
	writeJSON(w, http.StatusOK, map[string]int{"received": len(batch), "imported": imported})
}

// export streams the orders of a day as newline-delimited JSON.
func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	day, err := time.Parse("2006-01-02", r.URL.Query().Get("day"))
	if err != nil {
		http.Error(w, "bad day", http.StatusBadRequest)
		return
	}
	list, err := h.orders.ListDay(r.Context(), day)
	if err != nil {
		h.fail(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	for _, o := range list {
		line, err := json.Marshal(o)
		if err != nil {
			log.Printf("export %s: %v", o.ID, err)
			continue
		}
		w.Write(append(line, '\n'))
	}
}

// customerOrders lists a customer's orders with an invoice summary; ?format=text renders a plain report.
func (h *Handler) customerOrders(w http.ResponseWriter, r *http.Request) {
	customer := strings.TrimPrefix(r.URL.Path, "/customers/")
	list, err := h.orders.ListByCustomer(r.Context(), customer)
	if err != nil {
		h.fail(w, err)
		return
	}
	if strings.ToLower(r.URL.Query().Get("format")) == strings.ToLower("TEXT") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, report.Customer(customer, list))
		return
	}
	if r.URL.Query().Get("invoice") == "1" {
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		url, err := h.invoices.Upload(ctx, customer, []byte(report.Customer(customer, list)))
		if err != nil {
			h.fail(w, err)
			return
		}
		w.Header().Set("Location", url)
	}
	writeJSON(w, http.StatusOK, list)
}

func (h *Handler) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, orders.ErrNotFound):
		http.Error(w, err.Error(), http.StatusNotFound)
	case errors.Is(err, orders.ErrInvalid):
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
	case errors.Is(err, context.DeadlineExceeded):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	default:
		log.Printf("internal error: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("write response: %v", err)
	}
}
