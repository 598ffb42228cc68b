package main

import (
	"fmt"
	"net/http"
)

func main() {
	// A command-line tool: interrupted by the user, not a long-running server.
	resp, err := http.Get("https://example.com")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
}
