package main

import "regexp"

func main() {
	args := []string{"a1", "b2"}
	for _, a := range args {
		if regexp.MustCompile(`\d`).MatchString(a) { // want
			println(a)
		}
	}
}
