package retry

import (
	"math/rand"
	"testing"
)

func TestShuffle(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	if r.Intn(10) < 0 {
		t.Fatal("negative")
	}
}
