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

// FuzzICSProp checks the one-pass escaping of prop against the rules
// written as two plain steps: escape, then drop control characters.
func FuzzICSProp(f *testing.F) {
	for _, seed := range []string{"", "a;b,c\\d", "one\r\ntwo\nthree\rfour", "tab\there\x00\x1f\x7f", "Ногоон \xff Тал", "\r\r\n\n"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var got bytes.Buffer
		w := &icsWriter{w: &got}
		w.prop("X", text)
		var want bytes.Buffer
		(&icsWriter{w: &want}).line("X:" + icsEscapeReference(text))
		if got.String() != want.String() {
			t.Errorf("prop(%q):\n got %q\nwant %q", text, got.String(), want.String())
		}
	})
}

func icsEscapeReference(text string) string {
	text = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(text)
	return strings.Map(func(r rune) rune {
		if r < ' ' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, text)
}
