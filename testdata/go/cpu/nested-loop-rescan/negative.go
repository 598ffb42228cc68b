package dedupe

// The map version.
func unique(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]struct{}, len(in))
	for _, s := range in {
		if _, ok := seen[s]; !ok {
			seen[s] = struct{}{}
			out = append(out, s)
		}
	}
	return out
}

// Another collection of unknown, unrelated size.
func intersect(a, b []int) []int {
	var out []int
	for _, x := range a {
		for _, y := range b {
			if x == y {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// Pairs over the same slice, but no search: every pair is wanted.
func pairs(xs []int) [][2]int {
	var out [][2]int
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			out = append(out, [2]int{xs[i], xs[j]})
		}
	}
	return out
}

// Sorting compares with <, not ==.
func bubble(xs []int) {
	for i := range xs {
		for j := 0; j < len(xs)-1-i; j++ {
			if xs[j] > xs[j+1] {
				xs[j], xs[j+1] = xs[j+1], xs[j]
			}
		}
	}
}

// The inner loop runs in a func literal, not per outer item.
func later(in []string) []func() bool {
	var fs []func() bool
	for _, s := range in {
		fs = append(fs, func() bool {
			for _, o := range in {
				if o == s {
					return true
				}
			}
			return false
		})
	}
	return fs
}

// A shadowed name: the inner `in` is another slice.
func shadow(in []string, groups [][]string) int {
	n := 0
	for _, g := range groups {
		in := g
		for _, s := range in {
			if s == "" {
				n++
				break
			}
		}
	}
	_ = in
	return n
}

// A local set built here: small and fixed by the code.
func modes() []string {
	var out []string
	for _, m := range []string{"r", "w", "r"} {
		dup := false
		for _, o := range out {
			if o == m {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m)
		}
	}
	return out
}

// Looking for a character in a string, not an item in a collection.
func quoted(usage string) string {
	for i := 0; i < len(usage); i++ {
		if usage[i] == '`' {
			for j := i + 1; j < len(usage); j++ {
				if usage[j] == '`' {
					return usage[i+1 : j]
				}
			}
			break
		}
	}
	return ""
}

// Marks the matches but keeps going: a filter, not a search.
func mark(want []string, have []*item) {
	for _, w := range want {
		for _, h := range have {
			if h.name == w {
				h.used = true
			}
		}
		have = append(have, &item{name: w})
	}
}

type item struct {
	name string
	used bool
}
