// Package textutil formats text for the terminal.
package textutil

import "strings"

// Pad pads s with spaces to n characters.
func Pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat(" ", n-len(s))
}
