package worker

import (
	"context"
	"sync"
	"testing"
)

func waitAll(ctx context.Context, t *testing.T, wg *sync.WaitGroup) {
	wg.Wait()
}
