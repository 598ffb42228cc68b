package files

import (
	"path/filepath"
	"testing"
)

func TestJoin(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b"} {
		_ = filepath.Clean(dir)
		_ = n
	}
}
