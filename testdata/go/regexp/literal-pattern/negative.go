package logs

import (
	"regexp"
)

var word = regexp.MustCompile(`\w+`)

var version = regexp.MustCompile(`^v\d+\.\d+$`)

var anyCase = regexp.MustCompile(`(?i)error`)

var dotted = regexp.MustCompile("a.b")

// Kept in a struct, or handed on: the caller may need a regexp.
type Rule struct {
	Match *regexp.Regexp
}

var rules = []Rule{{Match: regexp.MustCompile("deprecated")}}

func register(r *regexp.Regexp) {}

func setup() {
	register(regexp.MustCompile("legacy"))
}

// Used for something strings cannot do.
var prefix = regexp.MustCompile("^id-")

func groups(s string) []string {
	return prefix.SubexpNames()
}

// Not constant.
func dynamic(p, s string) bool {
	ok, _ := regexp.MatchString(p, s)
	return ok
}

// Escapes that are not punctuation.
var tab = regexp.MustCompile("\\x09")

type engine struct{}

func (engine) MustCompile(string) engine { return engine{} }

func shadowed() {
	regexp := engine{}
	regexp.MustCompile("plain")
}
