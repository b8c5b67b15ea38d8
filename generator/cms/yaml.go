package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// mapping is a YAML mapping whose keys keep the order they were added
// in, so that config.yml reads like the CMS's documentation (name, label,
// widget first) and is the same bytes at every build.
type mapping []pair

type pair struct {
	key   string
	value any // string, bool, int64, float64, mapping, []any
}

// set adds a key; a nil or empty value is left out.
func (m *mapping) set(key string, value any) {
	switch v := value.(type) {
	case nil:
		return
	case string:
		if v == "" {
			return
		}
	case []any:
		if len(v) == 0 {
			return
		}
	case mapping:
		if len(v) == 0 {
			return
		}
	}
	*m = append(*m, pair{key, value})
}

// put sets key, in place of its value when it has one.
func (m *mapping) put(key string, value any) {
	for i := range *m {
		if (*m)[i].key == key {
			(*m)[i].value = value
			return
		}
	}
	m.set(key, value)
}

// setEmpty adds a key whose value is an empty string, where the empty
// string means something (a media folder beside the entry).
func (m *mapping) setEmpty(key string) { *m = append(*m, pair{key, ""}) }

// writeYAML writes a document in block style. Every string is
// double-quoted with JSON's escapes, which YAML's double-quoted style
// reads the same, so no value can turn into a number, a boolean or a
// structure.
func writeYAML(m mapping) []byte {
	var b bytes.Buffer
	writeMapping(&b, m, 0)
	return b.Bytes()
}

var plainKey = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

func writeMapping(b *bytes.Buffer, m mapping, indent int) {
	for i, p := range m {
		if i > 0 || b.Len() == 0 || b.Bytes()[b.Len()-1] == '\n' {
			b.WriteString(strings.Repeat(" ", indent))
		}
		key := p.key
		if !plainKey.MatchString(key) {
			key = quote(key)
		}
		b.WriteString(key + ":")
		writeValue(b, p.value, indent)
	}
}

func writeValue(b *bytes.Buffer, v any, indent int) {
	switch v := v.(type) {
	case mapping:
		if len(v) == 0 {
			b.WriteString(" {}\n")
			return
		}
		b.WriteString("\n")
		writeMapping(b, v, indent+2)
	case []any:
		if len(v) == 0 {
			b.WriteString(" []\n")
			return
		}
		b.WriteString("\n")
		for _, item := range v {
			b.WriteString(strings.Repeat(" ", indent) + "- ")
			if m, ok := item.(mapping); ok && len(m) > 0 {
				writeMapping(b, m, indent+2)
				continue
			}
			writeScalar(b, item)
			b.WriteString("\n")
		}
	default:
		b.WriteString(" ")
		writeScalar(b, v)
		b.WriteString("\n")
	}
}

func writeScalar(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(quote(v))
	case bool, int, int64:
		fmt.Fprint(b, v)
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	default:
		panic(fmt.Sprintf("cms: no YAML form for %T", v))
	}
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
