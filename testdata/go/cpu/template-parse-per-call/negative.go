package web

import (
	"html/template"
	"io"
	"net/url"
	"sync"
)

var base = template.Must(template.New("base").Parse(`<html>{{block "body" .}}{{end}}</html>`))

var lazy = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("lazy").Parse("{{.}}"))
})

var built = func() *template.Template {
	return template.Must(template.New("built").Parse("{{.}}"))
}()

var (
	mailTmpl *template.Template
	mailOnce sync.Once
	pages    *template.Template
	cache    = map[string]*template.Template{}
)

func init() {
	pages = template.Must(template.ParseGlob("pages/*.html"))
}

func mail() *template.Template {
	mailOnce.Do(func() {
		mailTmpl = template.Must(template.New("mail").Parse("Dear {{.}},"))
	})
	return mailTmpl
}

type Server struct {
	tmpl  *template.Template
	other *template.Template
	once  sync.Once
}

// Constructors keep what they parse.
func NewServer() *Server {
	return &Server{tmpl: template.Must(template.New("s").Parse("{{.}}"))}
}

func (s *Server) load() error {
	t, err := template.ParseFiles("a.html")
	if err != nil {
		return err
	}
	s.other = t
	return nil
}

func (s *Server) lazyLoad() {
	s.once.Do(func() {
		s.tmpl = template.Must(template.New("l").Parse("{{.}}"))
	})
}

func loadAll() (*template.Template, error) {
	return template.ParseGlob("views/*.html")
}

func cached(name string) *template.Template {
	if t, ok := cache[name]; ok {
		return t
	}
	t := template.Must(template.New(name).Parse("{{.}}"))
	cache[name] = t
	return t
}

// Returned inside a closure that is itself returned.
func renderer() func(io.Writer, any) error {
	t := template.Must(template.New("r").Parse("{{.}}"))
	return func(w io.Writer, v any) error { return t.Execute(w, v) }
}

// The text is only known at run time: nothing to hoist.
func renderText(w io.Writer, text string, v any) error {
	t, err := template.New("dyn").Parse(text)
	if err != nil {
		return err
	}
	return t.Execute(w, v)
}

// Adding to a shared template is not building one.
func (s *Server) addPartial() {
	template.Must(s.tmpl.New("partial").Parse("{{.}}"))
}

// Other Parse methods.
func link() (*url.URL, error) {
	return url.Parse("https://example.com")
}

type parser struct{}

func (parser) New(string) parser         { return parser{} }
func (parser) Parse(string) (int, error) { return 0, nil }

func shadowed() {
	template := parser{}
	template.New("x").Parse("{{.}}")
}
