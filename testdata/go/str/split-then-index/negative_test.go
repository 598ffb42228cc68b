package parse

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	if strings.Split("a=b", "=")[0] != "a" {
		t.Fatal("bad key")
	}
}
