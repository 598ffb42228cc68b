package main

import (
	"net/http"
	"runtime/debug"
)

// In a program too, a collection per request blocks every request.
func serveTrace(w http.ResponseWriter, r *http.Request) {
	defer debug.FreeOSMemory() // want
	w.Write([]byte("trace"))
}
