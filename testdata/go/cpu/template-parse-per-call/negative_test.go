package web

import (
	"html/template"
	"io"
	"testing"
)

func TestRender(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse("{{.}}"))
	if err := tmpl.Execute(io.Discard, 1); err != nil {
		t.Fatal(err)
	}
}
