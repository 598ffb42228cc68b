package render

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strings"
)

func Header(w http.ResponseWriter, name string, n int) {
	w.Write([]byte(fmt.Sprintf("%s: %d\n", name, n))) // want
}

func Row(w io.Writer, cols []string) error {
	_, err := io.WriteString(w, fmt.Sprint(strings.Join(cols, "\t"))) // want
	return err
}

func Lines(items []string) string {
	var b strings.Builder
	for i, it := range items {
		b.WriteString(fmt.Sprintf("%d. %s\n", i+1, it)) // want
	}
	return b.String()
}

func Flush(bw *bufio.Writer, v any) {
	bw.WriteString(fmt.Sprintln(v)) // want
}
