// turk-test: go=1.22
package batch

// Go 1.22: every iteration has its own variable.
func modern(items []string) {
	for _, item := range items {
		go func() {
			process(item)
		}()
	}
}
