// turk-test: go=1.16
package parse

import "strings"

func schemes(us []string) (out []string) {
	for _, u := range us {
		out = append(out, strings.Split(u, "://")[0]) // want
	}
	return out
}
