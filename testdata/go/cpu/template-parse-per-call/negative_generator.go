//go:build ignore

// A generator run by hand with go run: each function runs once.
package main

import (
	"os"
	"text/template"
)

func main() {
	if err := generate(); err != nil {
		os.Exit(1)
	}
}

func generate() error {
	t := template.Must(template.New("gen").Parse("package {{.}}\n"))
	return t.Execute(os.Stdout, "gen")
}
