package validate

import (
	"regexp"
	"testing"
)

func TestWord(t *testing.T) {
	re := regexp.MustCompile(`\w+`)
	if !re.MatchString("abc") {
		t.Fatal("no match")
	}
}
