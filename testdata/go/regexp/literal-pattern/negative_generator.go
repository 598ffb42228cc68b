//go:build ignore

// A generator run by hand: its regexps run once.
package main

import (
	"os"
	"regexp"
)

var timespec = regexp.MustCompile("_Ctype_struct_timespec")

func main() {
	os.Stdout.WriteString(timespec.ReplaceAllString("x", "Timespec"))
}
