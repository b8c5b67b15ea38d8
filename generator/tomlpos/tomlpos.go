// Package tomlpos finds where keys, values and array elements stand in a
// TOML document. BurntSushi/toml keeps key positions internal (upstream
// issue #462), so Index walks MetaData.Keys(), which come in document
// order, against the source text, skipping strings and comments.
package tomlpos

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Pos is a 1-based line and a 1-based column counted in characters.
type Pos struct{ Line, Col int }

// Index maps key paths to positions. A path joins key parts with dots and
// numbers the tables of an array of tables: "actions.1.owner".
type Index struct {
	src      []byte
	lineBase int
	keys     map[string]span
}

type span struct{ key, value int } // byte offsets; value is -1 for table headers

// Document is what New needs of a decoded TOML document: its keys in
// document order, and which of its table headers name arrays of tables
// (Type returns "ArrayHash" for those; New asks nothing else of it).
// *toml.MetaData is one.
type Document interface {
	Keys() []toml.Key
	Type(key ...string) string
}

// New indexes src, whose first line is line lineBase+1 of its file.
func New(src []byte, md Document, lineBase int) *Index {
	ix := &Index{src: src, lineBase: lineBase, keys: map[string]span{}}
	sc := scanner{src: src}
	arrays := map[string]bool{} // unindexed paths that are arrays of tables
	current := map[string]int{} // indexed path of an array of tables -> current table
	for _, key := range md.Keys() {
		// The text spells the parts after the nearest table already
		// located: "type" under [fields.title], but "a", "b" and "c" in
		// a.b.c = 1 or [a.b.c]. Find each in turn; the tables they
		// define stand where they are named (a header: at its "[").
		first := len(key) - 1
		for ; first > 0; first-- {
			if _, ok := ix.keys[indexedPath(key[:first], arrays, current)]; ok {
				break
			}
		}
		var start, end int
		var header, ok bool
		for i := first; i < len(key); i++ {
			start, end, header, ok = sc.findKey(key[i])
			if !ok {
				break
			}
			if i < len(key)-1 {
				ix.keys[indexedPath(key[:i+1], arrays, current)] = span{start, -1}
			}
		}
		if !ok {
			break // the text no longer matches the keys; keep what we found
		}
		path := indexedPath(key, arrays, current)
		if header && md.Type(key...) == "ArrayHash" {
			arrays[strings.Join(key, ".")] = true
			n, seen := current[path]
			if seen {
				n++
			}
			current[path] = n
			if !seen {
				ix.keys[path] = span{start, -1}
			}
			ix.keys[path+"."+strconv.Itoa(n)] = span{start, -1}
			continue
		}
		value := -1
		if !header {
			value = sc.valueAfter(end)
		}
		ix.keys[path] = span{start, value}
	}
	return ix
}

func indexedPath(key toml.Key, arrays map[string]bool, current map[string]int) string {
	var plain, indexed strings.Builder
	for i, part := range key {
		if i > 0 {
			plain.WriteByte('.')
			indexed.WriteByte('.')
		}
		plain.WriteString(part)
		indexed.WriteString(part)
		if i < len(key)-1 && arrays[plain.String()] {
			n := current[indexed.String()]
			indexed.WriteByte('.')
			indexed.WriteString(strconv.Itoa(n))
		}
	}
	return indexed.String()
}

// Key returns the position of the key at path, or of its nearest located
// ancestor; for "list.N" it is the position of element N of the array.
func (ix *Index) Key(path string) Pos {
	if off, _, ok := ix.inlineInArray(path); ok {
		return ix.Offset(off)
	}
	for path != "" {
		if s, ok := ix.keys[path]; ok {
			return ix.Offset(s.key)
		}
		parent, last, _ := cut(path)
		if n, err := strconv.Atoi(last); err == nil {
			if s, ok := ix.keys[parent]; ok && s.value >= 0 {
				if off, ok := elementOffset(ix.src, s.value, n); ok {
					return ix.Offset(off)
				}
			}
		}
		path = parent
	}
	return Pos{ix.lineBase + 1, 1}
}

// Value returns the position of the value of the key at path, falling
// back to Key when the key has no value of its own (a table header).
func (ix *Index) Value(path string) Pos {
	if s, ok := ix.keys[path]; ok && s.value >= 0 {
		return ix.Offset(s.value)
	}
	if _, off, ok := ix.inlineInArray(path); ok && off >= 0 {
		return ix.Offset(off)
	}
	return ix.Key(path)
}

// inlineInArray finds the key at path "list.N.name" in an inline table
// that is element N of an array, and its value: the decoder lists no
// keys inside the tables of an array value
// (attachments = [{ src = "a.pdf" }, { src = "b.pdf" }]).
func (ix *Index) inlineInArray(path string) (key, value int, ok bool) {
	parent, name, ok := cut(path)
	if !ok {
		return 0, 0, false
	}
	list, index, ok := cut(parent)
	n, err := strconv.Atoi(index)
	if !ok || err != nil {
		return 0, 0, false
	}
	s, ok := ix.keys[list]
	if !ok || s.value < 0 {
		return 0, 0, false
	}
	el, ok := elementOffset(ix.src, s.value, n)
	if !ok || ix.src[el] != '{' {
		return 0, 0, false
	}
	sc := scanner{src: ix.src[:closingBrace(ix.src, el)], off: el + 1}
	start, end, _, found := sc.findKey(name)
	if !found {
		return 0, 0, false
	}
	return start, sc.valueAfter(end), true
}

func cut(path string) (parent, last string, ok bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", path, false
	}
	return path[:i], path[i+1:], true
}

// LineText returns the text of the file's line number line (1-based),
// without its line ending, if that line is in the indexed text.
func (ix *Index) LineText(line int) (string, bool) {
	n := line - ix.lineBase
	if n < 1 {
		return "", false
	}
	rest := ix.src
	for ; n > 1; n-- {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		rest = rest[i+1:]
	}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return string(bytes.TrimSuffix(rest, []byte("\r"))), true
}

// Offset converts a byte offset in the indexed text to a position.
func (ix *Index) Offset(off int) Pos {
	return OffsetPos(ix.src, off, ix.lineBase)
}

// OffsetPos converts a byte offset in src to a position, src's first line
// being line lineBase+1.
func OffsetPos(src []byte, off, lineBase int) Pos {
	off = min(max(off, 0), len(src))
	line, lineStart := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	col := utf8.RuneCount(src[lineStart:off]) + 1
	if off > lineStart && src[off-1] == '\r' && (off == len(src) || src[off] == '\n') {
		col-- // the end of a CRLF line is where its \r stands, as for LF
	}
	return Pos{lineBase + line, col}
}
