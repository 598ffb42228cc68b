// Package ops serves the operations endpoints.
package ops

import (
	"encoding/json"
	"net/http"
	"runtime"
)

// Memory answers the process's memory statistics.
func Memory(w http.ResponseWriter, r *http.Request) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	json.NewEncoder(w).Encode(m)
}

// Goroutines answers how many goroutines run.
func Goroutines(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(runtime.NumGoroutine())
}
