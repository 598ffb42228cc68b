package tags

import (
	"slices"
	"testing"
)

func TestUnique(t *testing.T) {
	var out []int
	for _, id := range []int{1, 2, 1} {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
}
