package report

import (
	"fmt"
	"strconv"
	"strings"
)

type row struct {
	Name  string
	Count int
}

func CSV(rows []row) string {
	out := ""
	for _, r := range rows {
		out += r.Name + "," // want
		out += strconv.Itoa(r.Count)
		out += "\n"
	}
	return out
}

func Table(rows []row) (text string) {
	for i := 0; i < len(rows); i++ {
		if rows[i].Count > 0 {
			text += fmt.Sprintf("%-10s %5d\n", rows[i].Name, rows[i].Count) // want
		}
	}
	return text
}

func Keys(m map[string]int) string {
	var keys string
	for k := range m {
		keys += strings.ToUpper(k) // want
	}
	return keys
}

func Header(names []string, sep string) string {
	h := strings.Repeat("=", 3)
	for _, n := range names {
		for _, part := range strings.Fields(n) {
			h += sep // want
			h += part
		}
	}
	return h
}

func Lines(rows [][]string) []string {
	var out []string
	for _, cols := range rows {
		line := ""
		for _, c := range cols {
			line += c // want
		}
		out = append(out, line)
	}
	return out
}

func Path(parts []string) string {
	p := ""
	for _, part := range parts {
		p = p + "/" + part // want
	}
	return p
}

// Prepending copies everything accumulated too.
func Reversed(words []string) string {
	var s string
	for _, w := range words {
		s = w + " " + s // want
	}
	return s
}

// Counting down to a small number is not a small loop.
func Trace(stack []string) string {
	var trace string
	for i := len(stack) - 1; i >= 0; i-- {
		trace = trace + "\n\t" + stack[i] // want
	}
	return trace
}
