package files

import (
	"fmt"
	"os"
	fp "path/filepath"
	"regexp"
	"strings"
)

const prefix = "item-"

func exists(dir string, names []string) []bool {
	out := make([]bool, 0, len(names))
	for _, name := range names {
		_, err := os.Stat(fp.Join(fp.Clean(dir), name)) // want
		out = append(out, err == nil)
	}
	return out
}

func label(kind string, ids []int) []string {
	var out []string
	for _, id := range ids {
		k := strings.ToUpper(kind) // want
		out = append(out, k+fmt.Sprint(id))
	}
	return out
}

func keys(user string, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		base := fmt.Sprintf("%s/%s", prefix, user) // want
		out = append(out, base+fmt.Sprint(i))
	}
	return out
}

func grep(pattern string, lines []string) int {
	n := 0
	for _, l := range lines {
		if regexp.MustCompile(pattern).MatchString(l) { // want
			n++
		}
	}
	return n
}

// Used in a closure that runs in the loop, but never changed.
func visit(root string, items []string) {
	for _, it := range items {
		func() {
			_ = it
		}()
		_ = strings.TrimSpace(root) // want
	}
}
