package retry

import (
	mrand "math/rand"
	"net/http"
	"time"
)

func jitter(d time.Duration) time.Duration {
	r := mrand.New(mrand.NewSource(time.Now().UnixNano())) // want
	return d + time.Duration(r.Int63n(int64(d/10)))
}

func shuffle(ids []int) {
	src := mrand.NewSource(time.Now().UnixNano()) // want
	rng := mrand.New(src)
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
}

func pick(w http.ResponseWriter, r *http.Request) {
	n := mrand.New(mrand.NewSource(time.Now().UnixNano())).Intn(6) // want
	_ = n
}

func sample(items []string) []string {
	var out []string
	for _, it := range items {
		if mrand.New(mrand.NewSource(time.Now().UnixNano())).Float64() < 0.1 { // want
			out = append(out, it)
		}
	}
	return out
}

// A goroutine that starts a loop of its own: each iteration seeds again.
func workers(jobs <-chan int) {
	go func() {
		for j := range jobs {
			r := mrand.New(mrand.NewSource(time.Now().UnixNano() + int64(j))) // want
			_ = r.Intn(j)
		}
	}()
}

// The seed goes through a variable first.
func token() int64 {
	seed := time.Now().UnixNano()
	r := mrand.New(mrand.NewSource(seed)) // want
	return r.Int63()
}
