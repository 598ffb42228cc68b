package retry

import (
	"math/rand"
	randv2 "math/rand/v2"
	"sync"
	"time"
)

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

var pool = sync.Pool{New: func() any {
	return rand.New(rand.NewSource(time.Now().UnixNano()))
}}

type Backoff struct {
	rnd *rand.Rand
	mu  sync.Mutex
}

func NewBackoff() *Backoff {
	return &Backoff{rnd: rand.New(rand.NewSource(time.Now().UnixNano()))}
}

func (b *Backoff) reset(seed int64) {
	b.rnd = rand.New(rand.NewSource(seed))
}

func newRand(seed int64) *rand.Rand {
	src := rand.NewSource(seed)
	return rand.New(src)
}

// A worker goroutine keeps its own generator for its whole life.
func worker(jobs <-chan int) {
	go func() {
		r := rand.New(rand.NewSource(time.Now().UnixNano()))
		for j := range jobs {
			_ = r.Intn(j + 1)
		}
	}()
}

func init() {
	rand.Seed(time.Now().UnixNano())
}

// The shared source, and math/rand/v2's small ones.
func roll() int {
	return rand.Intn(6)
}

func rollV2() int {
	r := randv2.New(randv2.NewPCG(1, 2))
	return r.IntN(6)
}

type gen struct{}

func (gen) NewSource(int64) int { return 0 }

func shadowed() {
	rand := gen{}
	_ = rand.NewSource(1)
}

// A seed from the call's data: the same stream for the same input, on purpose.
func probe(n uint64) int {
	r := rand.New(rand.NewSource(int64(n)))
	return r.Intn(100)
}

// Built once per call, then drawn from for every item.
func readKeys(keys [][]byte, done <-chan struct{}) {
	r := rand.New(rand.NewSource(time.Now().Unix()))
	for {
		select {
		case <-done:
			return
		default:
			_ = keys[r.Intn(len(keys))]
		}
	}
}

// The source goes through rand.New, and the generator serves the whole loop.
func shuffleFrom(pool []string, offset int) {
	source := rand.NewSource(time.Now().UnixNano())
	r := rand.New(source)
	for i := offset; i < len(pool); i++ {
		j := offset + r.Intn(i+1-offset)
		pool[i], pool[j] = pool[j], pool[i]
	}
}
