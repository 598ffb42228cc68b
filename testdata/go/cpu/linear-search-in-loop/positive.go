package tags

import (
	"slices"

	xslices "golang.org/x/exp/slices"
)

func unique(ids []int) []int {
	var out []int
	for _, id := range ids {
		if !slices.Contains(out, id) { // want
			out = append(out, id)
		}
	}
	return out
}

// The same slice, searched for each of its items.
func firstDuplicate(names []string) int {
	for i, n := range names {
		if j := xslices.Index(names, n); j != i { // want
			return i
		}
	}
	return -1
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

type Set struct {
	items []string
}

func (s *Set) AddAll(xs []string) {
	for _, x := range xs {
		if contains(s.items, x) { // want
			continue
		}
		s.items = append(s.items, x)
	}
}

func keys(m map[string][]string) []string {
	var ks []string
	for _, vs := range m {
		for _, v := range vs {
			if slices.IndexFunc(ks, func(k string) bool { return k == v }) < 0 { // want
				ks = append(ks, v)
			}
		}
	}
	return ks
}
