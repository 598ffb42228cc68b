package wire

import (
	"fmt"
	"io"
)

func Appended(buf []byte, k string, v int) []byte {
	return fmt.Appendf(buf, "%s=%d\n", k, v)
}

// Written straight to a writer: fmt/write-of-sprintf reports it with fmt.Fprintf as the fix.
func Written(w io.Writer, k string) error {
	_, err := w.Write([]byte(fmt.Sprintf("%s\n", k)))
	return err
}

type printer struct{}

func (printer) Sprintf(format string, args ...any) string { return format }

func Shadowed(k string) []byte {
	fmt := printer{}
	return []byte(fmt.Sprintf("%s", k))
}

func String(k string) []byte {
	return []byte(k + "\n")
}
