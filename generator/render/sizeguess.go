package render

import (
	"bytes"
	"sync/atomic"
)

// sizeGuess learns how many bytes a list of entries takes per entry, so
// that the next list's buffer is made big enough at once: grown by
// doubling, a buffer allocates about twice what it ends up holding, and
// lists of links and cards are a large part of what a build allocates.
// It is safe for concurrent use.
type sizeGuess struct {
	bytes, items atomic.Int64
}

// grow makes b big enough for items entries, as lists so far took, and
// returns the function to call once b is written, which learns from it.
func (g *sizeGuess) grow(b *bytes.Buffer, items int) (learn func()) {
	if items == 0 {
		return func() {}
	}
	b.Grow(g.estimate(items))
	return func() {
		g.bytes.Add(int64(b.Len()))
		g.items.Add(int64(items))
	}
}

// estimate is the bytes of a list of items entries, with some to spare:
// a little more than the average, so that few lists outgrow it.
func (g *sizeGuess) estimate(items int) int {
	per := int64(64) // until a list has been seen
	if n := g.items.Load(); n > 0 {
		per = g.bytes.Load()/n + 16
	}
	return int(min(per*int64(items)*9/8+64, 1<<24))
}
