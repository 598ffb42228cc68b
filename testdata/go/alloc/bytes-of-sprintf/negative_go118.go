// turk-test: go=1.18
package wire

import "fmt"

// fmt.Appendf does not exist before Go 1.19.
func Old(k string) []byte {
	return []byte(fmt.Sprintf("%s;", k))
}
