package markdown

import "testing"

func TestOutputRatioLearnsFromWhatWasMade(t *testing.T) {
	var r outputRatio
	if got := r.estimate(1000); got != 1500 {
		t.Errorf("before anything was made: %d for 1000 bytes, want 1500", got)
	}
	r.learn(1000, 2000)
	r.learn(3000, 6000)
	got := r.estimate(1000)
	if got < 2000 || got > 2400 {
		t.Errorf("after output twice the input: %d for 1000 bytes, want a little over 2000", got)
	}
	if got := r.estimate(0); got != 0 {
		t.Errorf("%d for nothing, want 0", got)
	}
}

// An empty document's HTML must not depend on what was rendered before
// (FuzzRenderMatchesReference found it nil at first and empty later).
func TestEmptyDocumentIsNilHTMLAfterOthers(t *testing.T) {
	r := New()
	if _, err := r.Render([]byte("# Title\n\ntext\n")); err != nil {
		t.Fatal(err)
	}
	res, err := r.Render(nil)
	if err != nil || res.HTML != nil {
		t.Errorf("empty document after another: HTML %#v, %v; want nil", res.HTML, err)
	}
}

func TestRenderedHTMLIsTheSameWhateverTheBufferGuess(t *testing.T) {
	src := []byte("# Title\n\nSome *text* and a [link](https://example.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	fresh, err := New().Render(src)
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.htmlSize.learn(1000, 10) // a guess far too small
	small, err := r.Render(src)
	if err != nil || string(small.HTML) != string(fresh.HTML) {
		t.Errorf("with a small guess: %q, %v\nwant %q", small.HTML, err, fresh.HTML)
	}
}
