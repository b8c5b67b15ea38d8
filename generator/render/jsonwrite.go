package render

import (
	"bytes"
	"slices"
	"strconv"
	"unicode/utf8"
)

// A theme's template may print a small map of strings, lists of strings
// and maps of strings in a <script>, as JSON-LD once was on every entry
// page. encoding/json finds its way through such a value by reflection
// and sorts its keys through reflect.Values; these write the same bytes
// for exactly those types, and leave every other value to encoding/json.
// FuzzEscapers compares the two. JSONLD itself now writes its members
// in order with jsonObject, below, and FuzzJSONLD holds it to the same
// bytes.

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

// jsonObject writes a JSON object member by member, as json.Marshal
// writes a map[string]any of them when the caller gives the keys in
// sorted order. Keys are written as they are: they are the writers'
// constants, which need no escaping.
type jsonObject struct {
	w       *bytes.Buffer
	members int
}

func openJSONObject(w *bytes.Buffer) jsonObject {
	w.WriteByte('{')
	return jsonObject{w: w}
}

func (o *jsonObject) close() { o.w.WriteByte('}') }

func (o *jsonObject) key(k string) {
	if o.members > 0 {
		o.w.WriteByte(',')
	}
	o.members++
	o.w.WriteByte('"')
	o.w.WriteString(k)
	o.w.WriteString(`":`)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	writeJSONString(o.w, v)
}

// titles writes the entries' titles as a list of strings.
func (o *jsonObject) titles(k string, entries []*Entry) {
	o.key(k)
	o.w.WriteByte('[')
	for i, e := range entries {
		if i > 0 {
			o.w.WriteByte(',')
		}
		writeJSONString(o.w, e.Title())
	}
	o.w.WriteByte(']')
}

// isoMinutes writes a duration in minutes as an ISO 8601 string, "PT90M".
func (o *jsonObject) isoMinutes(k string, minutes int64) {
	o.key(k)
	o.w.WriteString(`"PT`)
	o.w.Write(strconv.AppendInt(o.w.AvailableBuffer(), minutes, 10))
	o.w.WriteString(`M"`)
}

// object starts an object member; the caller closes it.
func (o *jsonObject) object(k string) jsonObject {
	o.key(k)
	return openJSONObject(o.w)
}
