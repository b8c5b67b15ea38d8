package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The escapers compiled templates call where html/template's escaped
// trees call _html_template_htmlescaper, _attrescaper, _rcdataescaper,
// _urlfilter, _urlnormalizer, _urlescaper and _jsvalescaper, for the
// value types the template compiler lets reach them (see
// internal/compiletemplates). FuzzEscapers compares them with
// html/template executing in each context.

// writeEscaped writes a plain string as html/template's htmlescaper,
// attrescaper and rcdataescaper all write one (they differ only for
// template.HTML).
func writeEscaped(w *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if !htmlSpecial[s[i]] {
			continue
		}
		w.WriteString(s[written:i])
		w.WriteString(htmlReplacement(s[i]))
		written = i + 1
	}
	w.WriteString(s[written:])
}

// htmlEscaped is s as writeEscaped writes it: s itself when nothing in
// it is escaped.
func htmlEscaped(s string) string {
	for i := 0; i < len(s); i++ {
		if htmlSpecial[s[i]] {
			var b bytes.Buffer
			b.Grow(len(s) + 16)
			writeEscaped(&b, s)
			return b.String()
		}
	}
	return s
}

// htmlSpecial marks the bytes htmlReplacement replaces: a table lookup is
// cheaper than its switch for the other bytes, nearly all of a page.
var htmlSpecial = func() (special [256]bool) {
	for c := range 256 {
		special[c] = htmlReplacement(byte(c)) != ""
	}
	return special
}()

// htmlReplacement is html/template's replacement of a byte in text and
// attributes; only these ASCII bytes are replaced, so the byte scan is
// the same as html/template's rune scan, invalid UTF-8 included.
func htmlReplacement(c byte) string {
	switch c {
	case 0:
		return "\uFFFD"
	case '"':
		return "&#34;"
	case '&':
		return "&amp;"
	case '\'':
		return "&#39;"
	case '+':
		return "&#43;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	}
	return ""
}

// writeURLAttr writes a plain string as html/template writes one in a
// quoted URL attribute (urlfilter, urlnormalizer, attrescaper), in one
// pass and without making the normalized URL.
func writeURLAttr(w *bytes.Buffer, s string) {
	if !safeURL(s) {
		w.WriteString("#ZgotmplZ")
		return
	}
	writeURLNormalized(w, s)
}

// writeURLNormalized writes a plain string as urlnormalizer, then
// attrescaper write it: what the normalizer keeps, the escaper changes
// only for '&' and '+'.
func writeURLNormalized(w *bytes.Buffer, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlKept[c] {
			continue
		}
		w.WriteString(s[written:i])
		written = i + 1
		switch {
		case c == '&':
			w.WriteString("&amp;")
		case c == '+':
			w.WriteString("&#43;")
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			w.WriteByte('%')
		default:
			w.WriteByte('%')
			w.WriteByte(lowerHex[c>>4])
			w.WriteByte(lowerHex[c&15])
		}
	}
	w.WriteString(s[written:])
}

const lowerHex = "0123456789abcdef"

// urlKept is the bytes urlnormalizer and then attrescaper leave as they
// are.
var urlKept = func() (kept [256]bool) {
	for c := range 256 {
		kept[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!#$*,/:;=?@[]-._~", byte(c)) >= 0
	}
	return kept
}()

// urlFilter is html/template's urlfilter for a plain string: a URL with a
// scheme other than http, https or mailto becomes "#ZgotmplZ".
func urlFilter(s string) string {
	if !safeURL(s) {
		return "#ZgotmplZ"
	}
	return s
}

// urlNormalize is html/template's urlnormalizer for a plain string.
func urlNormalize(s string) string { return processURL(s, true) }

// urlEscape is html/template's urlescaper for a plain string.
func urlEscape(s string) string { return processURL(s, false) }

// processURL percent-encodes what a URL (norm) or a URL part (!norm) may
// not hold, as html/template's processURLOnto does.
func processURL(s string, norm bool) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// writeJSValue writes a value as html/template's jsvalescaper writes one
// value (in <script>, JSON-LD included).
func writeJSValue(w *bytes.Buffer, v any) {
	switch v.(type) {
	case string, []string, map[string]any:
		// Neither padded nor changed below: it starts with { [ or ".
		if plainJSON(v) {
			writePlainJSON(w, v)
			return
		}
	}
	a := indirectToJSONMarshaler(v)
	switch t := a.(type) {
	case template.JS:
		w.WriteString(string(t))
		return
	case template.JSStr:
		w.WriteString(`"` + string(t) + `"`)
		return
	case json.Marshaler:
		// Not a Stringer, as html/template.
	case fmt.Stringer:
		a = t.String()
	}
	b, err := json.Marshal(a)
	if err != nil {
		errStr := err.Error()
		errStr = string(scriptTag.ReplaceAll([]byte(errStr), []byte(`\x3C${1}script`)))
		errStr = strings.ReplaceAll(errStr, "*/", "* /")
		errStr = strings.ReplaceAll(errStr, "<!--", `\x3C!--`)
		fmt.Fprintf(w, " /* %s */null ", errStr)
		return
	}
	if len(b) == 0 {
		w.WriteString(" null ")
		return
	}
	first, _ := utf8.DecodeRune(b)
	last, _ := utf8.DecodeLastRune(b)
	var buf bytes.Buffer
	pad := jsIdentPart(first) || jsIdentPart(last)
	if pad {
		buf.WriteByte(' ')
	}
	written := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		repl := ""
		if r == 0x2028 {
			repl = `\u2028`
		} else if r == 0x2029 {
			repl = `\u2029`
		}
		if repl != "" {
			buf.Write(b[written:i])
			buf.WriteString(repl)
			written = i + n
		}
		i += n
	}
	if buf.Len() != 0 {
		buf.Write(b[written:])
		if pad {
			buf.WriteByte(' ')
		}
		w.Write(buf.Bytes())
		return
	}
	w.Write(b)
}

var scriptTag = regexp.MustCompile("(?i)<(/?)script")

var jsonMarshalerType = reflect.TypeFor[json.Marshaler]()

func indirectToJSONMarshaler(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(jsonMarshalerType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

func jsIdentPart(r rune) bool {
	return r == '$' || r == '_' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z'
}

// safeURL is html/template's test of a URL in an attribute: no scheme,
// or http, https or mailto.
func safeURL(s string) bool {
	protocol, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(protocol, "/") {
		return true
	}
	return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
