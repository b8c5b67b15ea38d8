package load

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestEachFile: every index is read once, none for no files, and a
// cancelled context stops the reading with its error.
func TestEachFile(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		counts := make([]atomic.Int32, n)
		if err := eachFile(context.Background(), n, func(i int) { counts[i].Add(1) }); err != nil {
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
	err := eachFile(ctx, 1000, func(i int) {
		if read.Add(1) == 10 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || read.Load() >= 1000 {
		t.Errorf("cancelled after 10: %v, %d read", err, read.Load())
	}
}
