package validate

import (
	"regexp"
	"testing"
)

func TestName(t *testing.T) {
	if ok, _ := regexp.MatchString(`^[a-z]+$`, "abc"); !ok {
		t.Fatal("no match")
	}
}
