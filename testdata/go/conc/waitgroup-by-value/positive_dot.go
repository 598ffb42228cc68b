package pool

import . "sync"

func dotted(wg WaitGroup) { // want
	wg.Done()
}
