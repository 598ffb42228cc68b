package main

import (
	"os"
	"text/template"
)

func main() {
	for _, name := range os.Args[1:] {
		t := template.Must(template.New("greet").Parse("hello {{.}}\n")) // want
		t.Execute(os.Stdout, name)
	}
}
