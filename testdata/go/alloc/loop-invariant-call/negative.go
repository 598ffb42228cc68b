package files

import (
	"fmt"
	"path/filepath"
	"strings"
)

func paths(dir string, names []string) []string {
	var out []string
	for _, name := range names {
		out = append(out, filepath.Join(dir, name))
	}
	return out
}

// The argument changes in the loop.
func grow(s string, n int) string {
	for i := 0; i < n; i++ {
		s = strings.Repeat(s, 2)
	}
	return s
}

func numbered(n int) []string {
	var out []string
	count := 0
	for i := 0; i < n; i++ {
		count++
		out = append(out, fmt.Sprintf("n=%d", count))
	}
	return out
}

type Config struct{ Name string }

func (c *Config) Next() { c.Name += "'" }

// A method call may change what the call reads.
func names(c Config, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("%s!", c.Name))
		c.Next()
	}
	return out
}

// Appended in the loop.
func joined(parts []string, more []string) []string {
	var out []string
	for _, m := range more {
		parts = append(parts, m)
		out = append(out, strings.Join(parts, ","))
	}
	return out
}

// Leaving the loop right after: it runs once.
func find(dir string, names []string) (string, error) {
	for _, n := range names {
		if n == "" {
			return "", fmt.Errorf("empty name in %s", strings.ToUpper(dir))
		}
		if n == "stop" {
			p := filepath.Join(dir, "stop")
			_ = p
			break
		}
	}
	return filepath.Clean(dir), nil
}

// Address taken: the callee may change it.
func scan(dst string, items []string) {
	for range items {
		read(&dst)
		_ = strings.ToLower(dst)
	}
}

func read(*string) {}

// A package-level variable of another file may change under any call.
func global(items []string) {
	for range items {
		_ = strings.ToLower(defaultName)
	}
}

// A format alone is fmt/format-without-verbs'.
func header(rows []string) {
	for range rows {
		_ = fmt.Sprintf("header")
	}
}

// Not inside the loop: the literal runs when it is called.
func later(dir string, names []string) []func() string {
	var fs []func() string
	for range names {
		fs = append(fs, func() string { return filepath.Clean(dir) })
	}
	return fs
}

// Only in a branch: not on every iteration.
func warn(kind string, items []string, seen map[string]bool) []string {
	var out []string
	for _, it := range items {
		if seen[it] {
			out = append(out, fmt.Sprintf("duplicate %s", kind))
		}
		switch it {
		case "":
			out = append(out, strings.ToUpper(kind))
		}
	}
	return out
}

// A []byte of a constant handed to a call that keeps nothing is not allocated by the compiler.
func lines(data [][]byte) int {
	n := 0
	for _, d := range data {
		n += bytesCount(d, []byte("\n"))
	}
	return n
}

func bytesCount(b, sep []byte) int { return 0 }

// A loop that waits rather than going over items.
func wrap(s string, indent int) string {
	r := ""
	for s != "" {
		r += strings.Repeat(" ", indent)
		s = s[1:]
	}
	return r
}

// A few iterations fixed by the code.
func pad(word string) []string {
	var out []string
	for i := 0; i < 3; i++ {
		out = append(out, strings.ToUpper(word))
	}
	return out
}
