package markdown

import (
	"bytes"
	"testing"
)

// checkAppendingText checks that RenderHTMLAppendingText gives want's
// HTML, and want's text after what the buffer held, leaving the buffer's
// bytes before it as they were.
func checkAppendingText(t *testing.T, r *Renderer, src []byte, want Result) {
	t.Helper()
	const held = "held before "
	buf := append(make([]byte, 0, 1), held...) // too small: the text must grow it
	res, text, err := r.RenderHTMLAppendingText(src, buf)
	if err != nil {
		t.Fatal(err)
	}
	if string(text) != held+want.Text {
		t.Fatalf("input %q: RenderHTMLAppendingText appends %q, want %q", src, text[min(len(held), len(text)):], want.Text)
	}
	if !bytes.Equal(res.HTML, want.HTML) || res.Text != "" || res.Headings != nil || res.Links != nil {
		t.Fatalf("input %q: RenderHTMLAppendingText gives %#v, want HTML %q and no Text", src, res, want.HTML)
	}
}

// TestRenderHTMLAppendingText: the text is appended to the buffer given,
// reused from one document to the next as a caller's pool would, and is
// the text Render gives; the HTML is Render's.
func TestRenderHTMLAppendingText(t *testing.T) {
	r := New()
	docs := []string{
		"",
		"plain",
		"# Title\n\nSome *text* with  spaces\n\n- a\n- b\n",
		"```go\nfunc main() {}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		benchDoc,
		"\u00a0\u3000 wide\u2028space \t",
	}
	var buf []byte
	for _, doc := range docs {
		want, err := r.Render([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		checkAppendingText(t, r, []byte(doc), want)
		_, text, err := r.RenderHTMLAppendingText([]byte(doc), buf[:0])
		if err != nil {
			t.Fatal(err)
		}
		if string(text) != want.Text {
			t.Errorf("%q in a reused buffer: text %q, want %q", doc, text, want.Text)
		}
		buf = text
	}
}
