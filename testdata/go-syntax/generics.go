// turk-test: go=1.18
// Type parameters (Go 1.18): generic functions and types, constraints with ~ and |, explicit and inferred
// instantiation, methods on generic types, and generic types inside other generic types.
package syntax

import "fmt"

type Number interface {
	~int | ~int32 | ~int64 | ~float64
}

type Stringish interface {
	~string | ~[]byte
}

type Ordered interface {
	Number | ~string
}

func Join[S Stringish](parts ...S) string {
	out := ""
	for _, p := range parts {
		out += string(p)
	}
	return out
}

func Sum[T Number](xs []T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func Map[From, To any](xs []From, f func(From) To) []To {
	out := make([]To, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type Pair[K comparable, V any] struct {
	Key   K
	Value V
}

type List[T any] struct {
	items []T
}

func (l *List[T]) Push(v T) {
	l.items = append(l.items, v)
}

func (l *List[_]) Len() int {
	return len(l.items)
}

type Tree[T interface{ Less(T) bool }] struct {
	Left, Right *Tree[T]
	Value       T
}

type Setter[B any] interface {
	Set(string)
	*B
}

func FromStrings[T any, PT Setter[T]](s []string) []T {
	result := make([]T, len(s))
	for i, v := range s {
		p := PT(&result[i])
		p.Set(v)
	}
	return result
}

func Max[T Ordered](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func use() {
	ints := []int{1, 2, 3}
	_ = Sum(ints)
	_ = Join([]byte("a"), []byte("b"))
	_ = Sum[float64]([]float64{1.5})
	_ = Map[int, string](ints, func(i int) string { return fmt.Sprint(i) })
	pairs := List[Pair[string, int]]{}
	pairs.Push(Pair[string, int]{Key: "a", Value: 1})
	pp := new(List[Pair[string, []byte]])
	m := make(map[string]List[int], 4)
	ch := make(chan Pair[int, int], 1)
	f := Max[string]
	_, _, _, _ = pp, m, ch, f
}
