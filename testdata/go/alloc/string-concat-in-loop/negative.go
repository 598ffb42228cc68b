package report

import "strings"

func Total(counts []int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

func Lines(rows [][]string) []string {
	var out []string
	for _, cols := range rows {
		// Declared inside the loop: a fresh string each iteration.
		line := cols[0]
		line += ";"
		out = append(out, line)
	}
	return out
}

func Reset(words []string) []string {
	var cur string
	var out []string
	for _, w := range words {
		cur = ""
		cur += w
		out = append(out, cur)
	}
	return out
}

func Builder(words []string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(w)
	}
	return b.String()
}

func Once(a, b string) string {
	s := a
	s += b
	return s
}

func Deferred(words []string) func() string {
	s := ""
	for _, w := range words {
		fn := func() {
			// Runs when called, not per iteration of this loop.
			s += w
		}
		_ = fn
	}
	return func() string { return s }
}

func Floats(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum
}
