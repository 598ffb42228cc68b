// turk-test: go=1.22
package batch

func fanOut(items []string, out chan<- string) {
	for _, item := range items {
		item := item // want
		go func() { out <- item }()
	}
	for i := 0; i < len(items); i++ {
		i := i // want
		go func() { out <- items[i] }()
	}
}
