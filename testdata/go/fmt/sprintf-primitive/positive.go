package keys

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

func UserKey(id int) string {
	return fmt.Sprintf("%d", id) // want
}

func Shard(n int64, names []string) []string {
	var out []string
	for i := range names {
		out = append(out, fmt.Sprintf("%v", int64(i))+strconv.FormatInt(n, 10)) // want
	}
	return out
}

func Count(items []string) string {
	return fmt.Sprintf("%d", len(items)) // want
}

func Label(d time.Duration) string {
	s := strconv.Quote(d.String())
	return fmt.Sprintf("%s", s) // want
}

func Message(err error) string {
	return fmt.Sprintf("%s", err.Error()) // want
}

func Flag(on bool) string {
	return fmt.Sprintf("%t", on) // want
}

func Port(p uint16) string {
	return fmt.Sprintf("%d", p) // want
}

var errX = errors.New("x")
