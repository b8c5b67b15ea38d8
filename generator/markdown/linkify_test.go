package markdown

import (
	"strings"
	"testing"
)

// quickLinkify must find every link goldmark's linkify finds, wherever in
// a line, a paragraph or a table it is.
func TestQuickLinkifyFindsLinks(t *testing.T) {
	words := strings.Repeat("plain words without a clue ", 10)
	tests := []struct{ src, link string }{
		{words + "then https://example.org/a at the end", "https://example.org/a"},
		{"https://example.org/b " + words, "https://example.org/b"},
		{words + "\n" + words + "www.example.com", "http://www.example.com"},
		{words + "write to team@example.org", "mailto:team@example.org"},
		{"a: b " + words + " http://example.org/c", "http://example.org/c"},
		{"| a | b |\n|---|---|\n| " + words + " | " + words + " ftp.example.org www.example.net |", "http://www.example.net"},
		{"- " + words + "\n- *www.example.org*", "http://www.example.org"},
	}
	r := New()
	for _, tt := range tests {
		res, err := r.Render([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Links) != 1 || res.Links[0] != tt.link {
			t.Errorf("%q:\nlinks %q, want [%q]", tt.src, res.Links, tt.link)
		}
	}
}

func TestLinkifyScanMayLink(t *testing.T) {
	src := []byte("no clue here, then a: and www.x and a@b")
	var s linkifyScan
	for start := 0; start <= len(src); start++ {
		want := strings.ContainsAny(string(src[start:]), ":@") || strings.Contains(string(src[start:]), "www.")
		if got := s.mayLink(src, start, len(src)); got != want {
			t.Errorf("mayLink from %d (%q) = %v, want %v", start, src[start:], got, want)
		}
	}
}
