// turk-test: go=1.20
package rank

import "sort"

// Before Go 1.21 there is no slices.SortFunc in the standard library.
func sortAll(groups [][]int) {
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool { return g[i] < g[j] })
	}
}
