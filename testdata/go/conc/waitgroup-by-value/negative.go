package pool

import (
	"sync"
)

type WaitGroup struct{ n int }

func byPointer(wg *sync.WaitGroup) {
	defer wg.Done()
}

// A local type named WaitGroup, not the sync one.
func local(wg WaitGroup) int { return wg.n }

// Results and function types are not parameters of a function body.
func newGroup() (wg sync.WaitGroup) { return }

type Starter func(*sync.WaitGroup)

type Waiter interface {
	Use(wg *sync.WaitGroup)
}
