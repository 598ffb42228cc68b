package parse

import "strings"

func columns(header string) int {
	return strings.Count(header, ",") + 1
}

// The parts are used too.
func lastColumn(header string) string {
	parts := strings.Split(header, ",")
	return parts[len(parts)-1]
}

// An empty or unknown separator: Split goes rune by rune, Count would be off by one.
func runes(s string) int {
	return len(strings.Split(s, ""))
}

func pieces(s, sep string) int {
	return len(strings.Split(s, sep))
}

// Not strings.Split.
type splitter struct{}

func (splitter) Split(string, string) []string { return nil }

func shadowed(s string) int {
	strings := splitter{}
	return len(strings.Split(s, ","))
}

// Off the hot path.
func count(header string) int {
	return len(strings.Split(header, ","))
}

func blank(line string) bool {
	return len(strings.Fields(line)) == 0
}
