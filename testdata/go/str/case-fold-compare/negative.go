package headers

import (
	"bytes"
	"strings"
)

func Mixed(a, b string) bool {
	// Different conversions: not a case-insensitive equality.
	return strings.ToLower(a) == strings.ToUpper(b)
}

func Literal(a string) bool {
	// A literal with upper-case letters never equals a lowered string: a bug, but EqualFold would change it.
	return strings.ToLower(a) == "Admin" || strings.ToLower(a) == ""
}

func Folded(a, b string) bool {
	return strings.EqualFold(a, b)
}

func OneSide(a, b string) bool {
	return strings.ToLower(a) == b
}

func Bytes(a, b []byte) bool {
	return bytes.Equal(bytes.ToLower(a), b) || bytes.Equal(bytes.TrimSpace(a), bytes.TrimSpace(b))
}

type caser struct{}

func (caser) ToLower(s string) string { return s }

func Local(a, b string) bool {
	strings := caser{}
	return strings.ToLower(a) == strings.ToLower(b)
}
