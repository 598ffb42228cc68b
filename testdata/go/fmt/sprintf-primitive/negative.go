package keys

import (
	"fmt"
	"time"
)

type ID int

func Typed(id ID) string {
	// A named type may have its own String method: %v/%d of it is not strconv's business.
	return fmt.Sprintf("%v", id)
}

func Unknown(v any, d time.Duration, err error) []string {
	return []string{
		fmt.Sprintf("%v", v),
		fmt.Sprintf("%s", d),
		fmt.Sprintf("%v", err),
		fmt.Sprintf("%d", lookup()),
	}
}

func Mismatch(name string, n int) []string {
	return []string{
		fmt.Sprintf("%d", name),
		fmt.Sprintf("%s", n),
		fmt.Sprintf("%x", n),
		fmt.Sprintf("%5d", n),
		fmt.Sprintf("%d-%d", n, n),
	}
}

func Ranged(ids []int) []string {
	var out []string
	for _, id := range ids {
		// The element type is not visible from the range clause alone.
		out = append(out, fmt.Sprintf("%d", id))
	}
	return out
}

func lookup() int { return 1 }
