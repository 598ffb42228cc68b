package main

import (
	"os"
	"regexp"
)

func main() {
	if ok, _ := regexp.MatchString(`^-\w+$`, os.Args[1]); ok {
		os.Exit(2)
	}
}
