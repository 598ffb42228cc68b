package main

import (
	"os"
	"text/template"
)

// main runs once per process.
func main() {
	t := template.Must(template.New("usage").Parse("usage: {{.}}\n"))
	t.Execute(os.Stdout, os.Args[0])
}
