package metrics

import at "sync/atomic"

var counter uint64

func inc() {
	counter = at.AddUint64(&counter, 1) // want
}
