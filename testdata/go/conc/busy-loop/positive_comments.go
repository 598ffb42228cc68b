package worker

// A comment after the select is still nothing but a select that never blocks.
func pollNoted(in <-chan int, out chan<- int) {
	for { // want
		select {
		case v := <-in:
			out <- v
		default:
		}
		// spin until input arrives
	}
}
