package load

import "sync"

// DefaultKeptBodies is how many bytes of Markdown bodies a load keeps
// unless Options say otherwise: all of them for a community of some
// 10,000 entries (26 MB), a tenth of them at 100,000. Each body kept is
// a file that rendering does not open, stat, read and close again (four
// system calls; 0.09 s of 2.9 s of CPU in a 10k build, 2026-12-05), and
// the bound keeps memory from growing with the bodies.
const DefaultKeptBodies = 32 << 20

// bodyKeeper copies bodies into large shared chunks, up to a budget, so
// that kept bodies cost few allocations and nothing for the collector to
// scan.
type bodyKeeper struct {
	mu    sync.Mutex
	left  int64 // budget left
	chunk []byte
}

// keepChunk is the size of the chunks bodies are copied into; a body
// larger than a quarter of it gets an array of its own.
const keepChunk = 1 << 20

func newBodyKeeper(budget int64) *bodyKeeper {
	if budget <= 0 {
		return nil
	}
	return &bodyKeeper{left: budget}
}

// keep returns a copy of body, or nil once the budget is spent (or for a
// nil keeper). An empty body is kept as an empty, non-nil slice.
func (k *bodyKeeper) keep(body []byte) []byte {
	if k == nil {
		return nil
	}
	n := len(body)
	if n == 0 {
		return []byte{}
	}
	k.mu.Lock()
	if int64(n) > k.left {
		k.left = 0 // first come, first kept: no smaller body after a refusal either
		k.mu.Unlock()
		return nil
	}
	k.left -= int64(n)
	var into []byte
	switch {
	case n > keepChunk/4:
		k.mu.Unlock()
		into = make([]byte, n)
	default:
		if cap(k.chunk)-len(k.chunk) < n {
			k.chunk = make([]byte, 0, keepChunk)
		}
		into = k.chunk[len(k.chunk) : len(k.chunk)+n : len(k.chunk)+n]
		k.chunk = k.chunk[:len(k.chunk)+n]
		k.mu.Unlock()
	}
	copy(into, body)
	return into
}
