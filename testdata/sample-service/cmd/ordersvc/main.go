// Command ordersvc serves the orders API: it wires the store, the cache, the notification client and the
// background workers, and shuts down cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"

	"example.com/orders/internal/api"
	"example.com/orders/internal/azure"
	"example.com/orders/internal/notify"
	"example.com/orders/internal/store"
	"example.com/orders/internal/worker"
)

type config struct {
	addr        string
	debugAddr   string
	dsn         string
	webhookURL  string
	blobConnEnv string
	container   string
	workers     int
	cacheTTL    time.Duration
}

func parseFlags() config {
	var c config
	flag.StringVar(&c.addr, "addr", ":8080", "listen address of the API")
	flag.StringVar(&c.debugAddr, "debug-addr", "localhost:6060", "listen address of pprof")
	flag.StringVar(&c.dsn, "dsn", os.Getenv("ORDERS_DSN"), "Postgres connection string")
	flag.StringVar(&c.webhookURL, "webhook", os.Getenv("ORDERS_WEBHOOK"), "URL notified on each status change")
	flag.StringVar(&c.blobConnEnv, "blob-conn-env", "ORDERS_BLOB_CONN", "variable holding the storage connection string")
	flag.StringVar(&c.container, "container", "invoices", "blob container for rendered invoices")
	flag.IntVar(&c.workers, "workers", 8, "background workers")
	flag.DurationVar(&c.cacheTTL, "cache-ttl", 30*time.Second, "order cache TTL")
	flag.Parse()
	return c
}

func main() {
	cfg := parseFlags()

	db, err := sql.Open("postgres", cfg.dsn)
	if err != nil {
		log.Fatalf("open database: %v", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)

	pingCtx, cancelPing := context.WithTimeout(context.Background(), 5*time.Second)
	if err := db.PingContext(pingCtx); err != nil {
		log.Fatalf("ping database: %v", err)
	}
	cancelPing()

	orders := store.NewPostgres(db)
	cache := store.NewCache(cfg.cacheTTL)
	defer cache.Close()

	notifier := notify.New(cfg.webhookURL)
	blobs := azure.NewInvoiceStore(os.Getenv(cfg.blobConnEnv), cfg.container)

	pool := worker.NewPool(cfg.workers, 256)
	pool.Start()

	h := api.NewHandler(orders, cache, notifier, blobs, pool)
	mux := http.NewServeMux()
	h.Routes(mux)

	srv := &http.Server{
		Addr:         cfg.addr,
		Handler:      api.Chain(mux, api.RequestID, api.Logging, api.Recover),
		WriteTimeout: 15 * time.Second,
		IdleTimeout:  60 * time.Second,
	}

	go func() {
		log.Println(http.ListenAndServe(cfg.debugAddr, nil))
	}()

	go func() {
		log.Printf("ordersvc listening on %s", cfg.addr)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatalf("serve: %v", err)
		}
	}()

	stop := make(chan os.Signal)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		log.Printf("shutdown: %v", err)
	}
	pool.Stop()
	log.Println("bye")
}
