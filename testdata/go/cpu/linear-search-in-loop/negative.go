package tags

import (
	"slices"
	"strings"
)

var allowed = []string{"a", "b", "c"}

// A fixed list that the loop neither goes over nor grows.
func filter(in []string) []string {
	var out []string
	for _, s := range in {
		if slices.Contains(allowed, s) {
			out = append(out, s)
		}
	}
	return out
}

// strings.Contains is about one string.
func hits(lines []string, word string) int {
	n := 0
	for _, l := range lines {
		if strings.Contains(l, word) {
			n++
		}
	}
	return n
}

// Outside any loop.
func has(xs []int, x int) bool {
	return slices.Contains(xs, x)
}

// A helper named like a search that is something else.
func contains(m map[string]bool, k string) bool {
	return m[k]
}

func build(in []string) map[string]bool {
	seen := map[string]bool{}
	var order []string
	for _, s := range in {
		if !contains(seen, s) {
			seen[s] = true
			order = append(order, s)
		}
	}
	return seen
}

type list struct{ xs []int }

func (l list) Contains(x int) bool { return false }

func methods(l list, in []int) {
	for _, x := range in {
		if l.Contains(x) {
			l.xs = append(l.xs, x)
		}
	}
}
