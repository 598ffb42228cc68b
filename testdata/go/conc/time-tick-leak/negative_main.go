// turk-test: go=1.21
package main

import "time"

func main() {
	for range time.Tick(time.Second) {
		run()
	}
}

func wait() { <-time.Tick(time.Second) }

func run() {}
