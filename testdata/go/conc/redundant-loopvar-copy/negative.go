// turk-test: go=1.22
package batch

func notLoopVars(items []string, out chan<- string) {
	prefix := "x"
	for _, item := range items {
		prefix := prefix
		_ = item + prefix
		go func() {
			item := item // inside the literal, not the loop body
			out <- item
		}()
	}
}
