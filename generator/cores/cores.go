// Package cores runs the iterations of a loop on every core.
package cores

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(i) for every i below n on one goroutine per core, each
// taking the next index from a shared counter: no goroutine per index,
// and no core left idle behind a slow iteration while others remain (a
// goroutine per file under errgroup's limit kept 1.3-1.6 of 2 cores
// busy loading). It returns once every call has, or early, with ctx's
// error, when ctx is done.
func Each(ctx context.Context, n int, fn func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
