// turk-test: go=1.21
package rank

import (
	"cmp"
	"slices"
	"sort"
)

type Item struct {
	Name  string
	Score int
}

// Off the hot path: one sort per call.
func top(items []Item) {
	sort.Slice(items, func(i, j int) bool { return items[i].Score > items[j].Score })
}

func topAll(groups [][]Item) {
	for _, items := range groups {
		slices.SortFunc(items, func(a, b Item) int { return cmp.Compare(b.Score, a.Score) })
	}
}

// A func literal in a loop runs when it is called, not per iteration.
func later(groups [][]Item) []func() {
	var fs []func()
	for _, items := range groups {
		fs = append(fs, func() {
			sort.Slice(items, func(i, j int) bool { return items[i].Name < items[j].Name })
		})
	}
	return fs
}

type sorter struct{}

func (sorter) Slice(any, func(i, j int) bool) {}

func shadowed(groups [][]Item) {
	for _, items := range groups {
		sort := sorter{}
		sort.Slice(items, nil)
	}
}
