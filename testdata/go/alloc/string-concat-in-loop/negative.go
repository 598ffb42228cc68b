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

// Assigned afresh from other strings each time.
func Labels(rows []string) []string {
	var out []string
	label := ""
	for _, r := range rows {
		label = "row " + r
		out = append(out, label)
	}
	return out
}

// Numbers, not strings.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total = total + x
	}
	return total
}

// Another variable on the right.
func Last(words []string) string {
	var s, t string
	for _, w := range words {
		s = t + w
	}
	return s
}

// Prepended once on the way out of the loop.
func Find(names []string, dir string) string {
	for _, n := range names {
		if n == "x" {
			dir = "/" + n + dir
			break
		}
	}
	return dir
}

// A few iterations fixed by the code.
func Hex4(next func() byte) string {
	code := ""
	for i := 0; i < 4; i++ {
		code = code + string(next())
	}
	return code
}
