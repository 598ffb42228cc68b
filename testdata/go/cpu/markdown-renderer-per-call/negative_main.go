package main

import (
	"fmt"
	"os"

	"github.com/charmbracelet/glamour"
)

func main() {
	out, err := glamour.Render(os.Args[1], "dark")
	if err != nil {
		os.Exit(1)
	}
	fmt.Print(out)
}
