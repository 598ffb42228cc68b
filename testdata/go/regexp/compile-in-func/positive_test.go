package validate

import (
	"regexp"
	"testing"
)

func TestIDs(t *testing.T) {
	for _, s := range []string{"abc-1", "xyz-2"} {
		if !regexp.MustCompile(`^[a-z]+-\d$`).MatchString(s) { // want
			t.Fatal(s)
		}
	}
}
