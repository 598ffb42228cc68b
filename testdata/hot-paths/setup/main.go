package main

import (
	"fmt"
	"net/http"
	"os"
)

// Everything before the server starts runs once, loops included.
func main() {
	names := os.Args[1:]
	if len(names) > 0 {
		for range names {
			use(fmt.Sprintf("%d", len(names))) // cold
		}
	}
	go func() {
		for range names {
			use(fmt.Sprintf("%d", len(names))) // hot: in the loop over `names`
		}
	}()
	use(fmt.Sprintf("%d", len(names))) // cold
	if err := http.ListenAndServe(":8080", nil); err != nil {
		use(fmt.Sprintf("%d", len(names))) // cold
	}
	use(fmt.Sprintf("%d", len(names))) // cold
}

func use(string) {}
