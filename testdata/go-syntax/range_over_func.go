// turk-test: go=1.23
// Ranging over iterator functions (Go 1.23), and the iter package's Seq types.
package syntax

import (
	"iter"
	"maps"
	"slices"
)

func Evens(limit int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < limit; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

func Enumerate[T any](xs []T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func Ticks(yield func() bool) {
	for yield() {
	}
}

func consume(m map[string]int) int {
	total := 0
	for x := range Evens(10) {
		total += x
	}
	for i, s := range Enumerate([]string{"a", "b"}) {
		total += i + len(s)
	}
	for range Ticks {
		break
	}
	for k, v := range maps.All(m) {
		total += len(k) + v
	}
	keys := slices.Sorted(maps.Keys(m))
	next, stop := iter.Pull(Evens(4))
	defer stop()
	if v, ok := next(); ok {
		total += v
	}
	return total + len(keys)
}
