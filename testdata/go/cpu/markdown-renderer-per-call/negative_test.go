package docs

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
)

func TestConvert(t *testing.T) {
	var buf bytes.Buffer
	if err := goldmark.New().Convert([]byte("# hi"), &buf); err != nil {
		t.Fatal(err)
	}
}
