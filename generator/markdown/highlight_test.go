package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestHighlightRemembered(t *testing.T) {
	src := []byte("```go\nx := 1\n```\n\ntext\n\n```go\nx := 1\n```\n")
	r := New()
	first, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(first.HTML), `<pre class="chroma">`); got != 2 {
		t.Fatalf("%d highlighted blocks, want 2:\n%s", got, first.HTML)
	}
	again, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.HTML, first.HTML) {
		t.Errorf("from memory:\n%s\nfresh:\n%s", again.HTML, first.HTML)
	}

	t.Run("the budget still applies", func(t *testing.T) {
		defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
		highlightBudget = 0
		res, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.HTML), "chroma") {
			t.Errorf("highlighted with no budget left:\n%s", res.HTML)
		}
	})
}

func TestHighlightMemoryBounded(t *testing.T) {
	deadline := time.Now().Add(time.Minute)
	t.Run("blocks", func(t *testing.T) {
		h := newCodeHighlighter()
		for i := range maxRemembered + 10 {
			if _, ok := h.highlightBlock(highlightKey{"go", strconv.Itoa(i) + "\n"}, deadline); !ok {
				t.Fatalf("block %d not highlighted", i)
			}
		}
		if len(h.done) != maxRemembered {
			t.Errorf("remembers %d blocks, want %d", len(h.done), maxRemembered)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		defer func(n int) { maxRememberedBytes = n }(maxRememberedBytes)
		maxRememberedBytes = 64 << 10
		h := newCodeHighlighter()
		big := strings.Repeat("x := 1\n", 1000)
		for i := range maxRememberedBytes/len(big) + 10 {
			if _, ok := h.highlightBlock(highlightKey{"go", big + strconv.Itoa(i)}, deadline); !ok {
				t.Fatalf("block %d not highlighted", i)
			}
		}
		if h.doneBytes > maxRememberedBytes || len(h.done) >= maxRememberedBytes/len(big) {
			t.Errorf("remembers %d blocks, %d bytes", len(h.done), h.doneBytes)
		}
	})
}
