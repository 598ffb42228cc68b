package render

import (
	"fmt"
	"io"
	"strings"
)

func Direct(w io.Writer, name string) {
	fmt.Fprintf(w, "%s\n", name)
}

func Plain(w io.Writer, name string) {
	w.Write([]byte(name + "\n"))
	io.WriteString(w, strings.ToUpper(name))
}

type sprinter struct{}

func (sprinter) Sprintf(format string, args ...any) string { return format }

func Shadowed(w io.Writer, name string) {
	fmt := sprinter{}
	w.Write([]byte(fmt.Sprintf("%s", name)))
}

func Extra(w io.Writer, name string) {
	io.WriteString(w, fmt.Sprintf("%s", name)+"\n")
}
