package render

import (
	"bytes"
	"strings"
	"testing"
)

func TestSizeGuessLearnsTheBytesPerEntry(t *testing.T) {
	var g sizeGuess
	var b bytes.Buffer
	learn := g.grow(&b, 10)
	if b.Cap() < 10*64 {
		t.Errorf("first list: capacity %d for 10 entries", b.Cap())
	}
	b.WriteString(strings.Repeat("x", 10*200))
	learn()
	for _, items := range []int{1, 10, 1000} {
		var next bytes.Buffer
		g.grow(&next, items) // not learnt from: it stays empty
		if next.Cap() < items*200 {
			t.Errorf("after lists of 200 bytes an entry, %d entries get a capacity of %d", items, next.Cap())
		}
		if next.Cap() > items*300+200 {
			t.Errorf("after lists of 200 bytes an entry, %d entries get a capacity of %d: too much to spare", items, next.Cap())
		}
	}
}

func TestSizeGuessLeavesEmptyListsAlone(t *testing.T) {
	var g sizeGuess
	var b bytes.Buffer
	g.grow(&b, 0)()
	if b.Cap() != 0 || g.items.Load() != 0 {
		t.Errorf("an empty list grew the builder to %d or was learnt from", b.Cap())
	}
}
