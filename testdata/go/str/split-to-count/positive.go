package parse

import (
	"bytes"
	"net/http"
	"strings"
)

const comma = ","

func widths(rows []string) []int {
	var n []int
	for _, r := range rows {
		n = append(n, len(strings.Split(r, comma))) // want
	}
	return n
}

func nonBlank(lines []string) (out []string) {
	for _, l := range lines {
		if len(strings.Fields(l)) == 0 { // want
			continue
		}
		out = append(out, l)
	}
	return out
}

func hasWords(w http.ResponseWriter, r *http.Request) {
	if 0 < len(strings.Fields(r.URL.Query().Get("q"))) { // want
		w.WriteHeader(http.StatusOK)
	}
}

func words(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(strings.Fields(l)) // want
	}
	return n
}

func lines(bs [][]byte) (n int) {
	for _, b := range bs {
		n += len(bytes.Split(b, []byte("\n"))) // want
	}
	return n
}
