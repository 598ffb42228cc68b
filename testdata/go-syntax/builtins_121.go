// turk-test: go=1.21
// The min, max and clear builtins (Go 1.21).
package syntax

func bounds(xs []int, m map[string]int) (int, int) {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo = min(lo, x)
		hi = max(hi, x, 0)
	}
	clear(m)
	clear(xs[:len(xs)/2])
	return min(lo, -1.0), max(hi, 'a')
}
