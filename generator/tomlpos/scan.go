package tomlpos

import (
	"bytes"
	"strconv"
)

// scanner moves forward through TOML text, token by token, far enough to
// tell keys from strings, comments and values.
type scanner struct {
	src []byte
	off int
	// inHeader is true while off is inside a [table] or [[array]]
	// header, which starts at headerStart.
	inHeader    bool
	headerStart int
}

// findKey finds the next bare or quoted key equal to name that stands in a
// key position, and moves past it. header reports a [table] or [[array]].
func (s *scanner) findKey(name string) (start, end int, header, ok bool) {
	last := byte('\n') // the last significant byte before the token
	inHeader, headerStart := s.inHeader, s.headerStart
	for i := s.off; i < len(s.src); {
		c := s.src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '\n':
			last, inHeader = '\n', false
			i++
		case c == '#':
			i = lineEnd(s.src, i)
		case c == '"' || c == '\'':
			j, text, multi := skipString(s.src, i)
			if !multi && keyPosition(last) && s.keyEnds(j) && text == name {
				s.off, s.inHeader, s.headerStart = j, inHeader, headerStart
				return keyStart(i, inHeader, headerStart), j, inHeader, true
			}
			last, i = '"', j
		case isBare(c):
			j := i
			for j < len(s.src) && isBare(s.src[j]) {
				j++
			}
			if keyPosition(last) && s.keyEnds(j) && string(s.src[i:j]) == name {
				s.off, s.inHeader, s.headerStart = j, inHeader, headerStart
				return keyStart(i, inHeader, headerStart), j, inHeader, true
			}
			last, i = 'a', j
		default:
			if c == '[' && last == '\n' {
				inHeader, headerStart = true, i
			}
			last = c
			i++
		}
	}
	return 0, 0, false, false
}

// keyStart places a table header's position on its opening bracket.
func keyStart(token int, inHeader bool, headerStart int) int {
	if inHeader {
		return headerStart
	}
	return token
}

func keyPosition(last byte) bool {
	return last == '\n' || last == '.' || last == '[' || last == '{' || last == ','
}

// keyEnds reports whether the token ending at i is followed by what may
// follow a key: '=', '.', or the ']' of a header.
func (s *scanner) keyEnds(i int) bool {
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
		i++
	}
	return i < len(s.src) && (s.src[i] == '=' || s.src[i] == '.' || s.src[i] == ']')
}

// valueAfter returns the offset of the value following the key ending at i.
func (s *scanner) valueAfter(i int) int {
	for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
		i++
	}
	if i < len(s.src) && s.src[i] == '=' {
		i++
		for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t') {
			i++
		}
		return i
	}
	return -1
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// skipString returns the offset after the string starting at i, its text
// (unescaped for single-line basic strings) and whether it is multi-line.
func skipString(src []byte, i int) (end int, text string, multi bool) {
	q := src[i]
	if bytes.HasPrefix(src[i:], []byte{q, q, q}) {
		j := i + 3
		for j < len(src) {
			if q == '"' && src[j] == '\\' {
				j += 2
				continue
			}
			if bytes.HasPrefix(src[j:], []byte{q, q, q}) {
				j += 3
				for j < len(src) && src[j] == q { // up to two quotes may end the content
					j++
				}
				return j, "", true
			}
			j++
		}
		return len(src), "", true
	}
	j := i + 1
	for j < len(src) && src[j] != q && src[j] != '\n' {
		if q == '"' && src[j] == '\\' {
			j++
		}
		j++
	}
	raw := string(src[i+1 : min(j, len(src))])
	if q == '"' {
		if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
			raw = u
		}
	}
	return min(j+1, len(src)), raw, false
}

// elementOffset returns the offset of element n of the array whose value
// starts at off.
func elementOffset(src []byte, off, n int) (int, bool) {
	if off >= len(src) || src[off] != '[' {
		return 0, false
	}
	depth, index, expect := 0, 0, true
	for i := off; i < len(src); {
		c := src[i]
		switch {
		case c == '#':
			i = lineEnd(src, i)
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		}
		if depth == 1 && expect && c != ']' {
			if index == n {
				return i, true
			}
			expect = false
		}
		switch c {
		case '"', '\'':
			i, _, _ = skipString(src, i)
			continue
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return 0, false
			}
		case ',':
			if depth == 1 {
				index++
				expect = true
			}
		}
		i++
	}
	return 0, false
}

// closingBrace returns the offset after the inline table that opens at
// off, or the end of src.
func closingBrace(src []byte, off int) int {
	depth := 0
	for i := off; i < len(src); {
		switch src[i] {
		case '"', '\'':
			i, _, _ = skipString(src, i)
			continue
		case '#':
			i = lineEnd(src, i)
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
		i++
	}
	return len(src)
}
