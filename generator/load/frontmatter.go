package load

import (
	"bytes"
	"unicode/utf8"
)

const delimiter = "+++"

// frontMatter is a Markdown file split at its +++ lines.
type frontMatter struct {
	toml      []byte
	tomlLine  int // lines before the TOML text: 1, the opening +++
	bodyStart int // byte offset of the body in the file
	bodyLine  int // 1-based line of the body's first line
}

// splitError says what is wrong with a file's +++ lines and where.
type splitError struct {
	line    int
	message string
	hint    string
}

// splitFrontMatter finds the TOML between the first line "+++" and the
// next line "+++". Trailing spaces and CRLF endings are accepted.
func splitFrontMatter(src []byte) (frontMatter, *splitError) {
	end := lineEnd(src, 0)
	if !isDelimiter(src[:end]) {
		return frontMatter{}, &splitError{1, "missing +++ at the start of the file",
			"a Markdown entry starts with a line +++, then its TOML fields, then a line +++ and the body"}
	}
	start := min(end+1, len(src))
	for off, line := start, 2; off < len(src); line++ {
		end := lineEnd(src, off)
		next := min(end+1, len(src))
		if isDelimiter(src[off:end]) {
			return frontMatter{toml: src[start:off], tomlLine: 1, bodyStart: next, bodyLine: line + 1}, nil
		}
		off = next
	}
	return frontMatter{}, &splitError{1, "the front matter opened by +++ on line 1 is never closed",
		"add a line +++ after the last field, before the Markdown body"}
}

func lineEnd(src []byte, off int) int {
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(src)
}

func isDelimiter(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == delimiter
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
