package render

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"
)

// JSON-LD is a small map of strings, lists of strings and maps of
// strings on every entry page. encoding/json finds its way through such a
// value by reflection and sorts its keys through reflect.Values; these
// write the same bytes for exactly those types, and leave every other
// value to encoding/json. FuzzEscapers compares the two.

// plainJSON reports whether writePlainJSON writes v.
func plainJSON(v any) bool {
	switch t := v.(type) {
	case string, int, int64:
		return true
	case []string:
		return t != nil
	case map[string]any:
		if t == nil {
			return false
		}
		for _, x := range t {
			if !plainJSON(x) {
				return false
			}
		}
		return true
	}
	return false
}

// writePlainJSON writes v, for which plainJSON holds, as json.Marshal
// does: map keys sorted, <, >, &, U+2028 and U+2029 escaped, invalid
// UTF-8 replaced.
func writePlainJSON(w *bytes.Buffer, v any) {
	switch t := v.(type) {
	case string:
		writeJSONString(w, t)
	case int:
		w.Write(strconv.AppendInt(w.AvailableBuffer(), int64(t), 10))
	case int64:
		w.Write(strconv.AppendInt(w.AvailableBuffer(), t, 10))
	case []string:
		w.WriteByte('[')
		for i, s := range t {
			if i > 0 {
				w.WriteByte(',')
			}
			writeJSONString(w, s)
		}
		w.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		w.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				w.WriteByte(',')
			}
			writeJSONString(w, k)
			w.WriteByte(':')
			writePlainJSON(w, t[k])
		}
		w.WriteByte('}')
	}
}

// writeJSONString writes s quoted as json.Marshal does with its default
// HTML escaping.
func writeJSONString(w *bytes.Buffer, s string) {
	w.WriteByte('"')
	written := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonKept[c] {
				i++
				continue
			}
			w.WriteString(s[written:i])
			switch c {
			case '\\', '"':
				w.WriteByte('\\')
				w.WriteByte(c)
			case '\b':
				w.WriteString(`\b`)
			case '\f':
				w.WriteString(`\f`)
			case '\n':
				w.WriteString(`\n`)
			case '\r':
				w.WriteString(`\r`)
			case '\t':
				w.WriteString(`\t`)
			default:
				w.WriteString(`\u00`)
				w.WriteByte(lowerHex[c>>4])
				w.WriteByte(lowerHex[c&15])
			}
			i++
			written = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		repl := ""
		switch {
		case r == utf8.RuneError && size == 1:
			repl = `\ufffd`
		case r == '\u2028':
			repl = `\u2028`
		case r == '\u2029':
			repl = `\u2029`
		}
		if repl != "" {
			w.WriteString(s[written:i])
			w.WriteString(repl)
			written = i + size
		}
		i += size
	}
	w.WriteString(s[written:])
	w.WriteByte('"')
}

// jsonKept is the ASCII bytes json.Marshal writes as they are in a string.
var jsonKept = func() (kept [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		kept[c] = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return kept
}()
