package api

import (
	"fmt"
	"regexp"
	"testing"
)

func TestNames(t *testing.T) {
	for _, name := range []string{"ada", "grace", "x1"} {
		if !regexp.MustCompile(`^[a-z]+$`).MatchString(name) {
			t.Log(fmt.Sprintf("rejected"))
		}
	}
}
