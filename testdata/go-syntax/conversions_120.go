// turk-test: go=1.20
// Converting a slice to an array (Go 1.20), and to an array pointer (Go 1.17).
package syntax

func header(b []byte) ([4]byte, *[2]byte) {
	return [4]byte(b), (*[2]byte)(b)
}
