package text

import "unicode"

func IsWord(s string) bool {
	for _, r := range []rune(s) { // want
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func Count(s string) int {
	n := 0
	for range []rune(s) { // want
		n++
	}
	return n
}
