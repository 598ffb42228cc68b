// turk-test: go=1.24
// Generic type aliases (Go 1.24).
package syntax

type Set[K comparable] = map[K]struct{}

type Pairs[K comparable, V any] = []struct {
	Key   K
	Value V
}

type Table[V any] = map[string]V

type IntSet = Set[int]

func members() int {
	s := Set[string]{"a": {}}
	var t Table[int] = make(map[string]int)
	p := Pairs[string, int]{{Key: "k", Value: 1}}
	return len(s) + len(t) + len(p) + len(IntSet{})
}
