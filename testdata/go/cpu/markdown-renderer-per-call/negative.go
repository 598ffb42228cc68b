package docs

import (
	"io"
	"sync"

	"github.com/charmbracelet/glamour"
	"github.com/gomarkdown/markdown/html"
	"github.com/gomarkdown/markdown/parser"
	"github.com/russross/blackfriday/v2"
	"github.com/yuin/goldmark"
)

var markdown = goldmark.New()

var term = sync.OnceValues(func() (*glamour.TermRenderer, error) {
	return glamour.NewTermRenderer(glamour.WithAutoStyle())
})

type Site struct {
	md goldmark.Markdown
	tr *glamour.TermRenderer
}

// Constructors keep the converter.
func NewSite() *Site {
	return &Site{md: goldmark.New()}
}

func (s *Site) init() error {
	r, err := glamour.NewTermRenderer(glamour.WithWordWrap(80))
	if err != nil {
		return err
	}
	s.tr = r
	return nil
}

func newConverter() goldmark.Markdown {
	md := goldmark.New()
	return md
}

func toHTML(src []byte, w io.Writer) error {
	return markdown.Convert(src, w)
}

// blackfriday and gomarkdown parsers hold per-document state: one per document is how they are used.
func legacy(src []byte) []byte {
	return blackfriday.Run(src)
}

func gomd(src []byte) []byte {
	p := parser.NewWithExtensions(parser.CommonExtensions)
	r := html.NewRenderer(html.RendererOptions{Flags: html.CommonFlags})
	_ = r
	return p.Parse(src).AsContainer().Literal
}

type local struct{}

func (local) New() local { return local{} }

func shadowed() {
	goldmark := local{}
	goldmark.New()
}
