// turk-test: go=1.22
// Ranging over an integer (Go 1.22).
package syntax

func countdown(n int) []int {
	out := make([]int, 0, n)
	for i := range n {
		out = append(out, n-i)
	}
	for range 3 {
		out = append(out, 0)
	}
	var j int
	for j = range len(out) {
	}
	for i := range int64(10) {
		_ = i
	}
	return out[:j]
}
