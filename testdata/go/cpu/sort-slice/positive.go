// turk-test: go=1.21
package rank

import (
	"net/http"
	srt "sort"
)

type Item struct {
	Name  string
	Score int
}

func topAll(groups [][]Item) {
	for _, items := range groups {
		srt.Slice(items, func(i, j int) bool { return items[i].Score > items[j].Score }) // want
	}
}

func list(w http.ResponseWriter, r *http.Request) {
	items := load(r)
	srt.SliceStable(items, func(i, j int) bool { return items[i].Name < items[j].Name }) // want
	_ = items
}

func load(*http.Request) []Item { return nil }
