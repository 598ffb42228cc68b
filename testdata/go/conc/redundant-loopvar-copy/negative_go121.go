// turk-test: go=1.21
package batch

// Before Go 1.22 the copy is what keeps goroutines from sharing the variable.
func needed(items []string, out chan<- string) {
	for _, item := range items {
		item := item
		go func() { out <- item }()
	}
}
