package server

import (
	"log"
	"net"
	web "net/http"
	"time"
)

func run(mux *web.ServeMux) {
	log.Fatal(web.ListenAndServe(":8080", mux)) // want
}

func runTLS(mux *web.ServeMux) error {
	return web.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux) // want
}

func serveOn(l net.Listener, h web.Handler) error {
	return web.Serve(l, h) // want
}

func newServer(h web.Handler) *web.Server {
	return &web.Server{ // want
		Addr:         ":8080",
		Handler:      h,
		WriteTimeout: 10 * time.Second,
	}
}

var admin = web.Server{Addr: ":9090"} // want

type app struct {
	srv *web.Server
}

func (a *app) start(h web.Handler) error {
	a.srv = &web.Server{Handler: h} // want
	a.srv.WriteTimeout = time.Minute
	return a.srv.ListenAndServe()
}

func debug() {
	go func() {
		log.Println(web.ListenAndServe("0.0.0.0:6060", nil)) // want
	}()
}
