package docs

import (
	"bytes"
	"io"
	"net/http"

	"github.com/charmbracelet/glamour"
	gm "github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func toHTML(src []byte, w io.Writer) error {
	md := gm.New(gm.WithExtensions(extension.GFM)) // want
	return md.Convert(src, w)
}

func serveDoc(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := gm.New().Convert(load(r.URL.Path), &buf); err != nil { // want
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(buf.Bytes())
}

func renderAll(docs []string) []string {
	out := make([]string, 0, len(docs))
	for _, d := range docs {
		r, _ := glamour.NewTermRenderer(glamour.WithAutoStyle()) // want
		s, _ := r.Render(d)
		out = append(out, s)
	}
	return out
}

func show(text string) string {
	s, _ := glamour.Render(text, "dark") // want
	return s
}

// Returned from a func literal that is called for each document.
var convert = func(src []byte, w io.Writer) error {
	return gm.New().Convert(src, w) // want
}

func load(string) []byte { return nil }
