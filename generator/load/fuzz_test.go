package load

import (
	"bytes"
	"testing"
)

// FuzzSplitFrontMatter splits any bytes at their +++ lines. It must never
// panic, and a split must be exact: the TOML is the bytes between the
// first line and the first +++ line after it, the body starts right after
// that line, and the line numbers count the lines before them. Its seeds
// are below and in testdata/fuzz/FuzzSplitFrontMatter. Run longer with:
// go test -run '^$' -fuzz '^FuzzSplitFrontMatter$' ./generator/load
func FuzzSplitFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"", "+++", "+++\n", "+++\n+++", "+++\n+++\n", "+++\na = 1\n+++\nBody\n",
		"+++\r\na = 1\r\n+++\r\nBody\r\n", "+++ \t\na = 1\n+++\t \r\n", "++++\n+++\n",
		"+++\na = \"\"\"\n+++\n\"\"\"\n+++\n", "\ufeff+++\n+++\n", "+++\n\n\n\n", "\n+++\n+++\n",
		"+++\r+++\r", "---\na: 1\n---\n", "+++\n+++ x\n+++\n", "+++\x00\n+++\n", "+++\n\xff\xfe\n+++\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := splitFrontMatter(src)
		first := lineEnd(src, 0)
		if err != nil {
			if err.line != 1 || err.message == "" || err.hint == "" {
				t.Fatalf("incomplete error %+v", err)
			}
			if isDelimiter(src[:first]) {
				// Opened: there must be no +++ line after the first.
				for off := min(first+1, len(src)); off < len(src); {
					end := lineEnd(src, off)
					if isDelimiter(src[off:end]) {
						t.Fatalf("%q: %q, but line at %d is +++", src, err.message, off)
					}
					off = end + 1
				}
			}
			return
		}
		if !isDelimiter(src[:first]) {
			t.Fatalf("%q: split, but the first line is not +++", src)
		}
		start := min(first+1, len(src))
		off := start + len(fm.toml)
		if off > len(src) || !bytes.Equal(src[start:off], fm.toml) {
			t.Fatalf("%q: the TOML %q is not the bytes after the first line", src, fm.toml)
		}
		if off > start && src[off-1] != '\n' {
			t.Fatalf("%q: the TOML %q does not end a line", src, fm.toml)
		}
		end := lineEnd(src, off)
		if !isDelimiter(src[off:end]) {
			t.Fatalf("%q: the TOML %q is not followed by a +++ line", src, fm.toml)
		}
		if fm.bodyStart != min(end+1, len(src)) {
			t.Fatalf("%q: body at %d, want %d", src, fm.bodyStart, min(end+1, len(src)))
		}
		// No +++ line inside the TOML.
		for o := start; o < off; {
			e := lineEnd(src, o)
			if isDelimiter(src[o:e]) {
				t.Fatalf("%q: the TOML %q holds a +++ line", src, fm.toml)
			}
			o = e + 1
		}
		if fm.tomlLine != 1 {
			t.Fatalf("%q: TOML after line %d, want 1", src, fm.tomlLine)
		}
		if want := bytes.Count(src[:off], []byte("\n")) + 2; fm.bodyLine != want {
			t.Fatalf("%q: body on line %d, want %d", src, fm.bodyLine, want)
		}
	})
}
