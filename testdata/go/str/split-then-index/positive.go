package parse

import (
	"bytes"
	"net/http"
	str "strings"
)

func keys(lines []string) []string {
	var out []string
	for _, line := range lines {
		out = append(out, str.Split(line, "=")[0]) // want
	}
	return out
}

func host(w http.ResponseWriter, r *http.Request) {
	h := str.SplitN(r.Host, ":", 2)[0] // want
	w.Write([]byte(h))
}

func values(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, str.Split(l, "\t")[2]) // want
	}
	return out
}

func firsts(bs [][]byte) [][]byte {
	var out [][]byte
	for _, b := range bs {
		out = append(out, bytes.Split(b, []byte(" "))[0]) // want
	}
	return out
}

// Nested splits: one finding, on the outer one.
func versions(tags []string) []string {
	var out []string
	for _, t := range tags {
		out = append(out, str.Split(str.Split(t, "-")[0], "+")[0]) // want
	}
	return out
}

// A count above the index + 2 still splits more than it needs.
func seconds(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, str.SplitN(p, "/", 8)[1]) // want
	}
	return out
}
