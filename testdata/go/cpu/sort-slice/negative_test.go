// turk-test: go=1.21
package rank

import (
	"sort"
	"testing"
)

func TestSort(t *testing.T) {
	for _, g := range [][]int{{2, 1}} {
		sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
	}
}
