package worker

import "testing"

// time is not imported here: After is someone else's.
func TestAfter(t *testing.T) {
	var clock struct{ After func(int) chan int }
	for i := 0; i < 2; i++ {
		<-clock.After(i)
	}
}
