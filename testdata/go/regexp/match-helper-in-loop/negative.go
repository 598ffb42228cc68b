package cleanup

import (
	"regexp"
	"time"
)

func One(name string) bool {
	ok, _ := regexp.MatchString(`^tmp-\d+$`, name)
	return ok
}

type rule struct{ pattern, name string }

func Each(rules []rule) []string {
	var matched []string
	for _, r := range rules {
		// A different pattern on every iteration: compiling once is not possible.
		if ok, _ := regexp.MatchString(r.pattern, r.name); ok {
			matched = append(matched, r.name)
		}
	}
	return matched
}

func Changing(patterns []string, s string) int {
	pattern := ""
	n := 0
	for _, p := range patterns {
		pattern = p
		if ok, _ := regexp.MatchString(pattern, s); ok {
			n++
		}
	}
	return n
}

func Later(names []string, done chan struct{}) {
	for _, name := range names {
		go func() {
			ok, _ := regexp.MatchString("^x", name)
			_ = ok
		}()
	}
	<-done
}

type matcher struct{}

func (matcher) MatchString(p, s string) (bool, error) { return true, nil }

func Shadowed(names []string) {
	regexp := matcher{}
	for _, n := range names {
		regexp.MatchString("^a", n)
	}
	time.Sleep(0)
}
