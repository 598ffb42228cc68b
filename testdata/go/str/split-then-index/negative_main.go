package main

import (
	"fmt"
	"os"
	"strings"
)

// A program's loops over its arguments.
func main() {
	for _, a := range os.Args[1:] {
		fmt.Println(strings.Split(a, "=")[0])
	}
}
