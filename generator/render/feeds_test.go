package render

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestICSLines checks RFC 5545's line rules: CRLF endings, at most 75
// octets per line, folds never inside a UTF-8 sequence, and text escaped
// so that unfolding and unescaping gives the original back.
func TestICSLines(t *testing.T) {
	var buf bytes.Buffer
	w := &icsWriter{w: &buf}
	text := "Ногоон Тал; Khmer Youth Voices, \\ សហគមន៍យុវជន\nline two " + strings.Repeat("។ក", 40)
	w.prop("DESCRIPTION", text)
	if w.err != nil {
		t.Fatal(w.err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "\r\n") {
		t.Fatal("the content line does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	if len(lines) < 3 {
		t.Fatalf("expected a folded line, got %q", out)
	}
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence", i)
		}
		if i > 0 && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation line %d does not start with a space", i)
		}
		if strings.ContainsAny(l, "\n\r") {
			t.Errorf("line %d holds a raw line break", i)
		}
	}
	unfolded := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", "")
	value := strings.TrimPrefix(unfolded, "DESCRIPTION:")
	unescaped := strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n").Replace(value)
	if unescaped != text {
		t.Errorf("round trip:\n got %q\nwant %q", unescaped, text)
	}
}
