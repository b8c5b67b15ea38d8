// Package scaffold writes new files for a community: an entry with every
// field of its type, ready to fill in.
package scaffold

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/schema"
)

// Entry returns the text of a new .md entry of type t: required fields
// first with a placeholder, then every optional field commented out, each
// with its description and allowed values as a comment.
func Entry(t *schema.Type, title string) []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	var tables []*schema.Field
	for _, required := range []bool{true, false} {
		for _, f := range t.Fields {
			if f.Required != required || f.Builtin {
				continue
			}
			if f.Elem().Kind == schema.Object {
				tables = append(tables, f)
				continue
			}
			writeField(&b, f, "", required, title, t.TitleField)
		}
	}
	for _, f := range tables {
		writeTable(&b, f)
	}
	b.WriteString("+++\n\n")
	if t.Name != "topic" {
		b.WriteString("Write the text here, in Markdown.\n")
	}
	return []byte(b.String())
}

func writeField(b *strings.Builder, f *schema.Field, indent string, required bool, title, titleField string) {
	comment(b, f, required)
	value := placeholder(f)
	if required && f.Kind != schema.List {
		value = `""` // check refuses it until the member fills it in
	}
	if f.Name == titleField && title != "" {
		value = strconv.Quote(title)
	}
	line := fmt.Sprintf("%s = %s\n", f.Name, value)
	if !required {
		line = "# " + line
	}
	b.WriteString(indent + line)
}

func writeTable(b *strings.Builder, f *schema.Field) {
	b.WriteString("\n")
	comment(b, f, f.Required)
	header := "[" + f.Name + "]"
	if f.Kind == schema.List {
		header = "[[" + f.Name + "]]"
	}
	prefix := ""
	if !f.Required {
		prefix = "# "
	}
	b.WriteString(prefix + header + "\n")
	for _, sub := range f.Fields {
		comment(b, sub, sub.Required)
		// An optional field of the table is left commented out, as at
		// the top level: an empty ref or topic would not pass the check.
		subPrefix := prefix
		if !sub.Required && prefix == "" {
			subPrefix = "# "
		}
		b.WriteString(fmt.Sprintf("%s%s = %s\n", subPrefix, sub.Name, placeholder(sub)))
	}
}

func comment(b *strings.Builder, f *schema.Field, required bool) {
	var parts []string
	if f.Description != "" {
		parts = append(parts, f.Description)
	}
	if vals := f.Elem().Values; len(vals) > 0 {
		q := make([]string, len(vals))
		for i, v := range vals {
			q[i] = strconv.Quote(v)
		}
		parts = append(parts, "One of "+strings.Join(q, ", ")+".")
	}
	if required {
		parts = append(parts, "Required.")
	}
	if f.Private {
		parts = append(parts, "Private: never published.")
	}
	if len(parts) > 0 {
		b.WriteString("# " + strings.Join(parts, " ") + "\n")
	}
}

// placeholder is a value of the right kind that the member replaces.
func placeholder(f *schema.Field) string {
	e := f.Elem()
	var one string
	switch e.Kind {
	case schema.Int, schema.Float:
		one = "1"
		if f.Min != nil {
			one = strconv.FormatFloat(f.Min.Num, 'f', -1, 64)
		}
	case schema.Bool:
		one = "false"
	case schema.Date:
		one = "2026-01-31"
	case schema.URL:
		one = `"https://"`
	case schema.Enum:
		one = strconv.Quote(e.Values[0])
		if s, ok := f.Default.(string); ok {
			one = strconv.Quote(s)
		}
	case schema.Image:
		one = `{ src = "photo.jpg", alt = "" }`
	case schema.File:
		one = `{ src = "report.pdf", title = "" }`
	default:
		one = `""`
	}
	if f.Kind == schema.List {
		if e.Kind.NamesFile() {
			return "[" + one + "]" // the form of each item, for the member to copy
		}
		return "[]"
	}
	return one
}
