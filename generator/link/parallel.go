package link

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
)

// parallelMin is how many entries it takes for linking them on several
// goroutines to pay for starting them; below it, one does it all.
const parallelMin = 256

// chunk is how many items a worker takes at a time: enough to make
// taking them cheap, few enough that workers finish together although
// some entries have many more references than others.
const chunk = 64

// inParallel calls work(i) for every i below n, on workers goroutines,
// each with the work function newWorker makes for it, and returns once
// every call has.
func inParallel(n, workers int, newWorker func() func(i int)) {
	if workers <= 1 {
		work := newWorker()
		for i := range n {
			work(i)
		}
		return
	}
	var taken atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			work := newWorker()
			for {
				start := int(taken.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					work(i)
				}
			}
		})
	}
	wg.Wait()
}

// resolveAll resolves every entry on up to workers goroutines, each
// with its own key names. What they find is kept afterwards, in entry
// order and on this goroutine, as one goroutine resolving them in turn
// would keep it: the problems come in that order, and g.out needs no
// lock. find writes nothing, for the workers read entries other than
// their own (a target's draft flag, a type's aliases for suggestions).
func (g *Graph) resolveAll(entries []*load.Entry, opts Options, workers int) diag.List {
	var diags diag.List
	if workers <= 1 {
		r := &resolver{g: g, opts: opts, names: newKeyNames()}
		for _, e := range entries {
			diags = append(diags, r.resolve(e)...)
		}
		return diags
	}
	found := make([]links, len(entries))
	inParallel(len(entries), workers, func() func(int) {
		r := &resolver{g: g, opts: opts, names: newKeyNames()}
		return func(i int) {
			found[i] = r.find(entries[i])
			found[i].rewrites = slices.Clone(found[i].rewrites) // out of r's buffer
		}
	})
	for i, e := range entries {
		g.keep(e, found[i])
		diags = append(diags, found[i].diags...)
	}
	return diags
}

// sortBacklinks sorts every backlink list, each on its own, so that the
// lists can be shared among workers.
func (g *Graph) sortBacklinks(workers int) {
	lists := make([][]Edge, 0, len(g.in))
	for _, edges := range g.in {
		lists = append(lists, edges)
	}
	inParallel(len(lists), workers, func() func(int) {
		return func(i int) { slices.SortFunc(lists[i], compareEdges) }
	})
}
