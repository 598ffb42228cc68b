package web

import (
	"embed"
	"html/template"
	"io"
	"net/http"
	"strings"
	tt "text/template"
)

//go:embed page.html
var pageHTML string

//go:embed tmpl/*.html
var files embed.FS

const rowText = `<tr><td>{{.}}</td></tr>`

func renderRow(w io.Writer, v string) error {
	t := template.Must(template.New("row").Parse(rowText)) // want
	return t.Execute(w, v)
}

// Configured, then parsed in its own statement.
func renderPage(w io.Writer, data any) error {
	t := template.New("page").Funcs(template.FuncMap{"up": strings.ToUpper})
	if _, err := t.Parse(pageHTML); err != nil { // want
		return err
	}
	return t.Execute(w, data)
}

func index(w http.ResponseWriter, r *http.Request) {
	t, err := template.ParseFiles("layout.html", "index.html") // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	t.Execute(w, r.URL.Path)
}

// An import alias, in a loop.
func renderAll(w io.Writer, items []string) {
	for _, it := range items {
		tt.Must(tt.New("item").Parse("{{.}}\n")).Execute(w, it) // want
	}
}

func fromFS(w io.Writer) error {
	t := template.Must(template.ParseFS(files, "tmpl/*.html")) // want
	return t.ExecuteTemplate(w, "index.html", nil)
}

type Server struct{}

// A handler literal: every request parses.
func (s *Server) routes() *http.ServeMux {
	m := http.NewServeMux()
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		template.Must(template.New("x").Parse("<b>{{.}}</b>")).Execute(w, r.URL.Path) // want
	})
	return m
}

// Handed to a callee that uses it, not kept.
func describe(w io.Writer, v any) error {
	t := template.Must(template.New("d").Parse("{{printf \"%v\" .}}")) // want
	return run(t, w, v)
}

func run(t *template.Template, w io.Writer, v any) error { return t.Execute(w, v) }
