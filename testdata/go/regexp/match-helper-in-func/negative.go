package validate

import (
	"regexp"
	"sync"
)

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

func validName(s string) bool {
	return nameRE.MatchString(s)
}

// In a loop: regexp/match-helper-in-loop reports it.
func countIDs(ids []string) int {
	n := 0
	for _, id := range ids {
		if ok, _ := regexp.MatchString(`^\d+$`, id); ok {
			n++
		}
	}
	return n
}

// Plain text: regexp/literal-pattern reports it.
func hasError(s string) bool {
	ok, _ := regexp.MatchString("ERROR", s)
	return ok
}

// A pattern only known at run time.
func matches(pattern, s string) bool {
	ok, _ := regexp.MatchString(pattern, s)
	return ok
}

var ok = func() bool {
	m, _ := regexp.MatchString(`^\w+$`, "abc")
	return m
}()

var once sync.Once

func setup() {
	once.Do(func() {
		regexp.MatchString(`^x+$`, "xx")
	})
}

func init() {
	regexp.MatchString(`^y+$`, "yy")
}

type matcher struct{}

func (matcher) MatchString(string, string) (bool, error) { return false, nil }

func shadowed(s string) {
	regexp := matcher{}
	regexp.MatchString(`^\d$`, s)
}
