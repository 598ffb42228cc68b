// Command relay forwards messages from publishers to subscribers.
package main

import (
	"flag"
	"log"
	"net"
	"os"
	"os/signal"

	"example.com/relay/internal/broker"
	"example.com/relay/internal/jobs"
	"example.com/relay/internal/web"
)

func main() {
	addr := flag.String("addr", ":4222", "listen address of the message protocol")
	api := flag.String("api", ":8080", "listen address of the HTTP API")
	workers := flag.Int("workers", 4, "archive workers")
	flag.Parse()

	b := broker.New()
	pool := jobs.NewPool(*workers)
	pool.Start()
	lis, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	go broker.Serve(lis, b)
	go web.ListenAndServe(*api, b, pool)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	pool.Stop()
}
