package parse

import "strings"

func keyOf(line string) string {
	key, _, _ := strings.Cut(line, "=")
	return key
}

// Every part is used.
func pair(s string) (string, string) {
	parts := strings.Split(s, ":")
	if len(parts) != 2 {
		return "", ""
	}
	return parts[0], parts[1]
}

// Bounded already: the fourth part is the rest of the name; the second is where SplitN(s, sep, 3) stops.
func exported(names []string) []string {
	var out []string
	for _, n := range names {
		out = append(out, strings.SplitN(n, "_", 4)[3], strings.SplitN(n, "_", 3)[1])
	}
	return out
}

// A variable index, and a slice of parts.
func nth(s string, i int) string {
	return strings.Split(s, ",")[i]
}

func rest(s string) []string {
	return strings.Split(s, ",")[1:]
}

type splitter struct{}

func (splitter) Split(string, string) []string { return nil }

func shadowed(s string) string {
	strings := splitter{}
	return strings.Split(s, ",")[0]
}

// Off the hot path: once per call of a function that is not known to run per item.
func version(v string) string {
	return strings.Split(strings.Split(v, "-")[0], ".RC")[0]
}
