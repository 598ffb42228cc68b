package cleanup

import (
	"bytes"
	"regexp"
)

const tmpPattern = `^tmp-\d+$`

func Temporary(names []string) []string {
	var out []string
	for _, name := range names {
		if ok, _ := regexp.MatchString(tmpPattern, name); ok { // want
			out = append(out, name)
		}
	}
	return out
}

func CountDigits(lines [][]byte) int {
	n := 0
	for i := 0; i < len(lines); i++ {
		if ok, err := regexp.Match(`\d`, bytes.TrimSpace(lines[i])); err == nil && ok { // want
			n++
		}
	}
	return n
}

func Filter(pattern string, names []string) []string {
	var out []string
	for _, name := range names {
		// Run-time pattern, but the same on every iteration.
		if ok, _ := regexp.MatchString(pattern, name); ok { // want
			out = append(out, name)
		}
	}
	return out
}
