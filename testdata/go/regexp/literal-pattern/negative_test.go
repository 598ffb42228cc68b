package logs

import (
	"regexp"
	"testing"
)

func TestPlain(t *testing.T) {
	if !regexp.MustCompile("ok").MatchString("ok") {
		t.Fatal("no match")
	}
}
