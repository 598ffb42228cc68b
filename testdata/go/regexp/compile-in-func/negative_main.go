package main

import (
	"flag"
	"regexp"
)

func main() {
	flag.Parse()
	// Runs once per process.
	filter := regexp.MustCompile(`^[a-z]+$`)
	for _, a := range flag.Args() {
		if filter.MatchString(a) {
			println(a)
		}
	}
}
