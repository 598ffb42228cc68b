package main

import (
	"net/http"
	"os"
	"runtime/debug"
)

// A program returns the memory of its loading phase before it serves: its own decision, made once.
func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		os.Exit(1)
	}
	index := parse(data)
	data = nil
	debug.FreeOSMemory()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write(index) })
	http.ListenAndServe("localhost:8080", nil)
}

func parse(b []byte) []byte { return b[:1] }
