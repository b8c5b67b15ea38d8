package cores

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestEach: every index is taken once, none when there are none, and a
// cancelled context stops the loop with its error.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]atomic.Int32, n)
		if err := Each(context.Background(), n, func(i int) { counts[i].Add(1) }); err != nil {
			t.Fatal(err)
		}
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Fatalf("n=%d: index %d read %d times", n, i, c)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var read atomic.Int32
	err := Each(ctx, 1000, func(i int) {
		if read.Add(1) == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || read.Load() >= 1000 {
		t.Errorf("cancelled after 10: %v, %d read", err, read.Load())
	}
}
