package main

import (
	"context"
	"time"
)

func poll(ctx context.Context) {}

func main() {
	for {
		poll(context.TODO()) // want
		time.Sleep(time.Minute)
	}
}
