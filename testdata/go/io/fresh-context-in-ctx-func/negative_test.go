package store

import (
	"context"
	"testing"
)

func helper(t *testing.T, ctx context.Context) {
	_ = context.Background()
}
