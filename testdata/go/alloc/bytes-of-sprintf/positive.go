package wire

import (
	f "fmt"
)

func Line(k string, v int) []byte {
	return []byte(f.Sprintf("%s=%d\n", k, v)) // want
}

func Plain(v any) (out []byte) {
	out = []byte(f.Sprint(v)) // want
	return out
}

func Lines(items []string) [][]byte {
	var out [][]byte
	for _, it := range items {
		out = append(out, []byte(f.Sprintln(it))) // want
	}
	return out
}
