package load

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// eachFile calls read(i) for every i below n on every core, each worker
// taking the next index from a shared counter: no goroutine per file, and
// no core waiting while the loop starts the next one (a goroutine per
// file, limited to the cores, kept 1.3-1.6 of 2 cores busy loading). It
// stops early, returning ctx's error, when ctx is done.
func eachFile(ctx context.Context, n int, read func(i int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				read(i)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
