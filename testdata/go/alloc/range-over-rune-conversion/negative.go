package text

// The rune index is used: ranging over the string would give byte offsets instead.
func Positions(s string) []int {
	var at []int
	for i, r := range []rune(s) {
		if r == ' ' {
			at = append(at, i)
		}
	}
	return at
}

func Indexes(s string) int {
	last := 0
	for i := range []rune(s) {
		last = i
	}
	return last
}

func Direct(s string) int {
	n := 0
	for _, r := range s {
		if r > 127 {
			n++
		}
	}
	return n
}
