package metrics

import "sync/atomic"

var requests int64

// A comment inside the argument list does not hide the racy store.
func countRequest() {
	requests = atomic.AddInt64( /* one more */ &requests, 1) // want
}
