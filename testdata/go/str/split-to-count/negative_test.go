package parse

import (
	"strings"
	"testing"
)

func TestColumns(t *testing.T) {
	if len(strings.Split("a,b", ",")) != 2 {
		t.Fatal("two columns")
	}
}
