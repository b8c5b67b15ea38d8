package scaffold

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/schema"
)

// Filled returns the text of an entry of type t holding values, laid out
// as Entry lays out a new one: required fields first, then the others,
// each in the schema's order, tables last, then the Markdown body. Values
// are as the validate stage keeps them: strings, int64, float64, bool,
// dates as time.Time, lists as []any, objects as map[string]any. Fields
// without a value are left out.
func Filled(t *schema.Type, values map[string]any, body string) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	var tables []*schema.Field
	for _, required := range []bool{true, false} {
		for _, f := range t.Fields {
			v, ok := values[f.Name]
			if f.Required != required || !ok {
				continue
			}
			if f.Elem().Kind == schema.Object {
				tables = append(tables, f)
				continue
			}
			fmt.Fprintf(&b, "%s = %s\n", f.Name, tomlValue(v))
		}
	}
	for _, f := range tables {
		for _, item := range schema.Items(values[f.Name]) {
			header := "[" + f.Name + "]"
			if f.Kind == schema.List {
				header = "[[" + f.Name + "]]"
			}
			m, _ := item.(map[string]any)
			b.WriteString("\n" + header + "\n")
			for _, sub := range f.Fields {
				if v, ok := m[sub.Name]; ok {
					fmt.Fprintf(&b, "%s = %s\n", sub.Name, tomlValue(v))
				}
			}
		}
	}
	b.WriteString("+++\n")
	if body = strings.TrimSpace(body); body != "" {
		b.WriteString("\n" + body + "\n")
	}
	return []byte(b.String())
}

// tomlValue writes a checked value as TOML.
func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return tomlString(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0" // a TOML float needs its point
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return schema.FormatDate(v)
	case []any:
		items := make([]string, len(v))
		width := 0
		for i, x := range v {
			items[i] = tomlValue(x)
			width += len(items[i]) + 2
		}
		if width <= 72 {
			return "[" + strings.Join(items, ", ") + "]"
		}
		return "[\n  " + strings.Join(items, ",\n  ") + ",\n]"
	}
	return tomlString(fmt.Sprint(v))
}

// tomlString quotes s as a TOML basic string, or a multi-line one when s
// holds line breaks, so that a paragraph stays readable in the file.
func tomlString(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	multi := strings.Contains(s, "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	if multi {
		return `"""` + "\n" + b.String() + `"""`
	}
	return `"` + b.String() + `"`
}
