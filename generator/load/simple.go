package load

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// decodeSimple decodes front matter in the shape nearly all of it has —
// lines of bare key = string, integer, boolean, date, an inline table of
// those or an array of them, and [table] or [[array]] headers of one bare
// name — into
// exactly the map BurntSushi/toml makes of it. ok is false for anything
// else, anything it is not sure of, and anything the library would reject:
// the library decodes those, and says what is wrong.
//
// Why by hand: the library lexes through a channel, records every key's
// type and position and copies the text twice. Building the 10,000 entry
// bench corpus, decoding took 0.67 s of 5.7 s CPU and 157 of 773 MB
// allocated through the library, 0.16 s and 30 MB by this path (pprof,
// five builds each). FuzzDecodeSimple holds the two to the same results.
func decodeSimple(text []byte) (map[string]any, bool) {
	return parseSimple(text, nil)
}

// simpleKeys are the keys of front matter decodeSimple can decode, in
// document order, as toml.MetaData.Keys lists them, and the names of its
// arrays of tables: all tomlpos needs to place a diagnostic (Locate), so
// the library need not decode the file again for it.
type simpleKeys struct {
	keys   []toml.Key
	arrays map[string]bool
}

func (k *simpleKeys) Keys() []toml.Key { return k.keys }

// Type is "ArrayHash" for an array of tables, as the library says, and ""
// for every other key: tomlpos asks about no other type.
func (k *simpleKeys) Type(key ...string) string {
	if len(key) == 1 && k.arrays[key[0]] {
		return "ArrayHash"
	}
	return ""
}

// decodeSimpleKeys is decodeSimple returning the document's keys.
func decodeSimpleKeys(text []byte) (*simpleKeys, bool) {
	keys := &simpleKeys{arrays: map[string]bool{}}
	if _, ok := parseSimple(text, keys); !ok {
		return nil, false
	}
	return keys, true
}

// parseSimple is decodeSimple, recording the keys in keys unless it is nil.
func parseSimple(text []byte, keys *simpleKeys) (map[string]any, bool) {
	if !plainText(text) {
		return nil, false
	}
	// One string for the document: keys and values are cut from it, as
	// the library cuts them from its own copy.
	p := simpleParser{s: string(text), top: map[string]any{}, keys: keys}
	p.cur = p.top
	for p.i < len(p.s) {
		p.skipSpace()
		ok := true
		switch {
		case p.at('['):
			ok = p.header()
		case !p.at('#') && !p.at('\n') && p.i < len(p.s):
			ok = p.keyValue()
		}
		if !ok || !p.lineEnd() {
			return nil, false
		}
	}
	return p.top, true
}

// plainText reports valid UTF-8 without control characters but tab and
// line feed: a carriage return or a control character leaves the text to
// the library, which accepts the one and reports the others.
func plainText(text []byte) bool {
	for _, c := range text {
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return false
		}
	}
	return utf8.Valid(text)
}

type simpleParser struct {
	s        string
	i        int
	top, cur map[string]any // the document and the table keys go into
	table    string         // the current table's name, "" at the top
	keys     *simpleKeys    // where keys are recorded, if not nil
	// inner are the keys of the inline tables of the value being read,
	// in order, which the library lists after the value's own key.
	inner []string
}

func (p *simpleParser) at(c byte) bool { return p.i < len(p.s) && p.s[p.i] == c }

func (p *simpleParser) eat(c byte) bool {
	if p.at(c) {
		p.i++
		return true
	}
	return false
}

func (p *simpleParser) skipSpace() {
	for p.at(' ') || p.at('\t') {
		p.i++
	}
}

// lineEnd moves past spaces, a comment and the line feed ending the line.
func (p *simpleParser) lineEnd() bool {
	p.skipSpace()
	if p.at('#') {
		if n := strings.IndexByte(p.s[p.i:], '\n'); n >= 0 {
			p.i += n
		} else {
			p.i = len(p.s)
		}
	}
	return p.i == len(p.s) || p.eat('\n')
}

func (p *simpleParser) bareKey() string {
	start := p.i
	for p.i < len(p.s) && isBareKeyByte(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

func isBareKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// header reads [name] or [[name]] and makes its table the current one.
func (p *simpleParser) header() bool {
	array := strings.HasPrefix(p.s[p.i:], "[[")
	closing := "]"
	if array {
		closing = "]]"
	}
	p.i += len(closing)
	name := p.bareKey()
	if name == "" || !strings.HasPrefix(p.s[p.i:], closing) {
		return false
	}
	p.i += len(closing)
	old, defined := p.top[name]
	table := map[string]any{}
	switch tables, ok := old.([]map[string]any); {
	case array && ok:
		p.top[name] = append(tables, table)
	case array && !defined:
		p.top[name] = append(make([]map[string]any, 0, 4), table)
	case defined:
		return false
	default:
		p.top[name] = table
	}
	p.cur, p.table = table, name
	if p.keys != nil {
		p.keys.keys = append(p.keys.keys, toml.Key{name})
		if array {
			p.keys.arrays[name] = true
		}
	}
	return true
}

func (p *simpleParser) keyValue() bool {
	key := p.bareKey()
	p.skipSpace()
	if key == "" || !p.eat('=') {
		return false
	}
	p.skipSpace()
	p.inner = p.inner[:0]
	v, ok := p.value(false)
	if _, defined := p.cur[key]; !ok || defined {
		return false
	}
	p.cur[key] = v
	if p.keys != nil {
		k := toml.Key{key}
		if p.table != "" {
			k = toml.Key{p.table, key}
		}
		p.keys.keys = append(p.keys.keys, k)
		for _, name := range p.inner {
			p.keys.keys = append(p.keys.keys, append(k[:len(k):len(k)], name))
		}
	}
	return true
}

func (p *simpleParser) value(inArray bool) (any, bool) {
	if p.i >= len(p.s) {
		return nil, false
	}
	switch c := p.s[p.i]; {
	case c == '"' || c == '\'':
		return p.str(c)
	case c == '[' && !inArray:
		return p.array()
	case c == '{':
		return p.inlineTable()
	case c == 't' || c == 'f':
		return p.boolean()
	case c == '-' || c >= '0' && c <= '9':
		if v, ok := p.date(); ok {
			return v, true
		}
		return p.integer()
	}
	return nil, false
}

// str reads a one-line string without escapes, basic or literal.
func (p *simpleParser) str(quote byte) (any, bool) {
	n := strings.IndexByte(p.s[p.i+1:], quote)
	if n < 0 {
		return nil, false
	}
	start, end := p.i+1, p.i+1+n
	text := p.s[start:end]
	if strings.IndexByte(text, '\n') >= 0 || quote == '"' && strings.IndexByte(text, '\\') >= 0 ||
		n == 0 && end+1 < len(p.s) && p.s[end+1] == quote { // """ or ''' opens a multi-line string
		return nil, false
	}
	p.i = end + 1
	return text, true
}

func (p *simpleParser) boolean() (any, bool) {
	for _, word := range [...]string{"true", "false"} {
		if strings.HasPrefix(p.s[p.i:], word) {
			p.i += len(word)
			return word == "true", p.valueEnds()
		}
	}
	return nil, false
}

// valueEnds reports whether what follows a value may end it.
func (p *simpleParser) valueEnds() bool {
	if p.i == len(p.s) {
		return true
	}
	switch p.s[p.i] {
	case ' ', '\t', '\n', ',', ']', '#':
		return true
	}
	return false
}

// integer reads a decimal integer without sign but '-', underscores or
// leading zeros.
func (p *simpleParser) integer() (any, bool) {
	start := p.i
	p.eat('-')
	digits := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || p.s[digits] == '0' && p.i-digits > 1 || !p.valueEnds() {
		return nil, false
	}
	n, err := strconv.ParseInt(p.s[start:p.i], 10, 64)
	return n, err == nil
}

// date reads a local date, YYYY-MM-DD, followed by nothing that could
// make it a date-time.
func (p *simpleParser) date() (any, bool) {
	const layout = "2006-01-02"
	end := p.i + len(layout)
	if end > len(p.s) || end < len(p.s) && strings.IndexByte("\n,]", p.s[end]) < 0 {
		return nil, false
	}
	for i, c := range []byte(p.s[p.i:end]) {
		if (c == '-') != (layout[i] == '-') || c != '-' && (c < '0' || c > '9') {
			return nil, false
		}
	}
	t, err := time.ParseInLocation(layout, p.s[p.i:end], localDate())
	if err != nil {
		return nil, false
	}
	p.i = end
	return t, true
}

// localDate is the library's location for local dates, which it does
// not export: its dates are told from others by it.
var localDate = sync.OnceValue(func() *time.Location {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01", &m); err != nil {
		panic(err)
	}
	return m["d"].(time.Time).Location()
})

// array reads an array of strings, integers, booleans and dates, on one
// line or on several, with comments.
func (p *simpleParser) array() (any, bool) {
	p.i++
	array := make([]any, 0, 2)
	p.skipArraySpace()
	for !p.eat(']') {
		v, ok := p.value(true)
		if !ok {
			return nil, false
		}
		array = append(array, v)
		p.skipArraySpace()
		if !p.eat(',') && !p.at(']') {
			return nil, false
		}
		p.skipArraySpace()
	}
	return array, true
}

// inlineTable reads a table on one line, { key = value, … }, of bare keys
// and values that are neither arrays nor tables: an image's
// { src = "logo.png", alt = "…" }, alone or in an array.
func (p *simpleParser) inlineTable() (any, bool) {
	p.i++
	table := make(map[string]any, 2)
	p.skipSpace()
	if p.eat('}') {
		return table, p.valueEnds()
	}
	for {
		key := p.bareKey()
		p.skipSpace()
		if key == "" || !p.eat('=') {
			return nil, false
		}
		p.skipSpace()
		if p.at('[') || p.at('{') {
			return nil, false
		}
		v, ok := p.value(true)
		if _, defined := table[key]; !ok || defined {
			return nil, false
		}
		table[key] = v
		p.inner = append(p.inner, key)
		p.skipSpace()
		if p.eat('}') {
			return table, p.valueEnds()
		}
		if !p.eat(',') {
			return nil, false
		}
		p.skipSpace()
	}
}

// skipArraySpace moves past spaces, line feeds and comments.
func (p *simpleParser) skipArraySpace() {
	for {
		p.skipSpace()
		switch {
		case p.eat('\n'):
		case p.at('#'):
			p.lineEnd()
		default:
			return
		}
	}
}
