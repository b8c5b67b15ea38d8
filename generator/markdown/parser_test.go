package markdown

import (
	"strings"
	"testing"
)

// Parser contexts are used again: nothing of one document may show in
// the next, neither its heading ids nor its link reference definitions.
func TestDocumentsDoNotShareParserState(t *testing.T) {
	r := New()
	withRefs := "# Same\n\n# Same\n\n[ref]: https://example.org/\n\nSee [ref].\n"
	without := "# Same\n\nSee [ref].\n"
	for range 3 {
		res, err := r.Render([]byte(withRefs))
		if err != nil {
			t.Fatal(err)
		}
		if res.Headings[0].ID != "same" || res.Headings[1].ID != "same-1" || len(res.Links) != 1 {
			t.Fatalf("with references: %+v", res)
		}
		res, err = r.Render([]byte(without))
		if err != nil {
			t.Fatal(err)
		}
		if res.Headings[0].ID != "same" || res.Links != nil || strings.Contains(string(res.HTML), "<a") {
			t.Fatalf("after a document with references: %+v, %s", res, res.HTML)
		}
	}
}

func TestLinkReferenceDefinitionsAfterSpaceOnly(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"   [a]: /x\n\n[a]", `<p><a href="/x">a</a></p>` + "\n"},
		{"[a]: /x\n[b]: /y\n\n[a] [b]", `<p><a href="/x">a</a> <a href="/y">b</a></p>` + "\n"},
		{"text [a]: /x\n\n[a]", "<p>text [a]: /x</p>\n<p>[a]</p>\n"},
		{"text\n[a]: /x\n\n[a]", "<p>text\n[a]: /x</p>\n<p>[a]</p>\n"},
	} {
		res, err := New().Render([]byte(tc.in))
		if err != nil || string(res.HTML) != tc.want {
			t.Errorf("%q: %q, %v; want %q", tc.in, res.HTML, err, tc.want)
		}
	}
}

func TestMayLink(t *testing.T) {
	for in, want := range map[string]bool{
		"plain prose, (parens) *and* _marks_ ~~here~~": false,
		"see https://example.org":                      true,
		"write to ana@example.org":                     true,
		"www.example.org":                              true,
		"WWW.EXAMPLE.ORG":                              false, // linkify wants www. as is
		"":                                             false,
	} {
		if got := mayLink([]byte(in)); got != want {
			t.Errorf("mayLink(%q) = %v, want %v", in, got, want)
		}
	}
}
