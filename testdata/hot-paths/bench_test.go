package store

import (
	"fmt"
	"net/http"
	"testing"
)

func BenchmarkFormat(b *testing.B) {
	for i := 0; i < b.N; i++ {
		use(fmt.Sprintf("%d", i)) // cold
	}
}

func ExampleFormat() {
	for i := 0; i < 3; i++ {
		fmt.Println(fmt.Sprintf("%d", i)) // cold
	}
}

func handler(w http.ResponseWriter, r *http.Request) {
	use(fmt.Sprintf("%d", len(r.Host))) // cold
}
