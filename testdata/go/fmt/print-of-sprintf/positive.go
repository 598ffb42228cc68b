package cli

import (
	"fmt"
	"log"
	"os"
)

func Summary(n int, took float64) {
	fmt.Println(fmt.Sprintf("%d items in %.2fs", n, took)) // want
	fmt.Fprintln(os.Stderr, fmt.Sprintf("warning: %d skipped", n)) // want
}

func Fail(path string, err error) {
	log.Fatal(fmt.Sprintf("open %s: %v", path, err)) // want
}
