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
	w := &icsWriter{out: &buf}
	text := "Ногоон Тал; Khmer Youth Voices, \\ សហគមន៍យុវជន\nline two " + strings.Repeat("។ក", 40)
	w.prop("DESCRIPTION", text)
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
		got.WriteString("before\r\n") // a line starts anywhere in the buffer
		w := &icsWriter{out: &got}
		w.prop("X", text)
		want := "before\r\n" + icsFoldReference("X:"+icsEscapeReference(text))
		if got.String() != want {
			t.Errorf("prop(%q):\n got %q\nwant %q", text, got.String(), want)
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

// FuzzICSLine checks the in-place folding of line against folding as it
// was done before, into a line of its own, for any bytes: a line split
// into parts anywhere, after other lines.
func FuzzICSLine(f *testing.F) {
	for _, seed := range []string{"", "URL:https://example.org/kb/minutes/2025-12-28-meeting-02687/and-a-long-path/", strings.Repeat("a", 75), strings.Repeat("a", 76),
		strings.Repeat("é", 40), strings.Repeat("a", 74) + "é" + strings.Repeat("b", 80), "\xff\xfe" + strings.Repeat("\x80", 72) + "abc" + strings.Repeat("ក", 30)} {
		f.Add(seed, uint8(3))
	}
	f.Fuzz(func(t *testing.T, line string, split uint8) {
		want, ok := icsFoldReferenceOK(line)
		if !ok {
			t.Skip("the old folding never ended on this line")
		}
		var got bytes.Buffer
		got.WriteString("BEGIN:VEVENT\r\n")
		at := min(int(split), len(line))
		(&icsWriter{out: &got}).line(line[:at], line[at:])
		if got.String() != "BEGIN:VEVENT\r\n"+want {
			t.Errorf("line(%q):\n got %q\nwant %q", line, got.String(), "BEGIN:VEVENT\r\n"+want)
		}
	})
}

// TestICSLineOfContinuationBytes: a line that would fold inside a run of
// more than 75 UTF-8 continuation bytes, where the old folding looped
// forever, is cut at 75 octets.
func TestICSLineOfContinuationBytes(t *testing.T) {
	var got bytes.Buffer
	(&icsWriter{out: &got}).line("X" + strings.Repeat("\x80", 200))
	for i, l := range strings.Split(strings.TrimSuffix(got.String(), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i, len(l))
		}
	}
}

func icsFoldReference(s string) string {
	out, ok := icsFoldReferenceOK(s)
	if !ok {
		panic("icsFoldReference: no end")
	}
	return out
}

// icsFoldReferenceOK folds a content line as icsWriter did before it
// folded in place (lineBytes), or reports the lines it never finished.
func icsFoldReferenceOK(line string) (string, bool) {
	s := []byte(line)
	var b []byte
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			return "", false
		}
		b = append(append(b, s[:cut]...), "\r\n "...)
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	return string(append(append(b, s...), "\r\n"...)), true
}

// FuzzICSLinesProp checks linesProp against prop of the lines joined.
func FuzzICSLinesProp(f *testing.F) {
	f.Add("one\r", "\ntwo\r\r", "three, \\ four\r\n")
	f.Add("", "", "\xffé")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		for _, lines := range [][]string{{a}, {a, b}, {a, b, c}} {
			var got, want bytes.Buffer
			(&icsWriter{out: &got}).linesProp("DESCRIPTION", lines)
			(&icsWriter{out: &want}).prop("DESCRIPTION", strings.Join(lines, "\n"))
			if got.String() != want.String() {
				t.Errorf("linesProp(%q):\n got %q\nwant %q", lines, got.String(), want.String())
			}
		}
	})
}
