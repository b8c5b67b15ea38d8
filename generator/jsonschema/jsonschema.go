// Package jsonschema writes the schema in force as JSON Schema (draft
// 2020-12), one document per type, so that editors (Taplo / Even Better
// TOML, and any JSON Schema tool) complete and check entries while members
// type. It says what a single file can say: kinds, required fields, enum
// values, patterns, ranges, nested tables and lists. What needs the whole
// repository (that a ref names an existing entry, unique values, cycles)
// is left to agora check.
package jsonschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/schema"
)

// Draft is the JSON Schema dialect the documents declare.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// FileName is the name of a type's document: "member.schema.json".
func FileName(t *schema.Type) string { return t.Name + ".schema.json" }

// TranslationFileName is the name of the document of a type's
// translations: "member.translation.schema.json".
func TranslationFileName(t *schema.Type) string { return t.Name + ".translation.schema.json" }

// Type returns the JSON Schema of one type's entries: the fields of a
// NAME.toml file, or of the front matter of a NAME.md.
func Type(s *schema.Schema, t *schema.Type) ([]byte, error) {
	return document(s, t.Name, typeDescription(t), t.Fields)
}

// Translation returns the JSON Schema of a type's translations
// (SLUG.LANG.md, content model v2): its translatable fields, none
// required, and draft and updated. Checked against the entry's own
// schema, a translation would fail for the fields it leaves to the
// original.
func Translation(s *schema.Schema, t *schema.Type) ([]byte, error) {
	d := fmt.Sprintf("A translation of an entry of content/%s/ into another language: the fields of SLUG.LANG.toml, or the front matter of SLUG.LANG.md (or SLUG/index.LANG.md). It holds only the fields that translate, none of them required; every other value is the original's.", t.Folder)
	return document(s, t.Name+" translation", d, schema.TranslationFields(t.Fields, true))
}

// translates reports whether a type has a field to translate.
func translates(t *schema.Type) bool {
	for _, f := range t.Fields {
		if f.Translatable {
			return true
		}
	}
	return false
}

func document(s *schema.Schema, title, description string, fields []*schema.Field) ([]byte, error) {
	w := writer{s}
	doc := obj{
		{"$schema", Draft},
		{"title", title},
		{"description", description},
	}
	doc = append(doc, w.fields(fields)...)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the documents of s (WriteFS) into dir, creating it, and
// returns the files' paths.
func Write(dir string, s *schema.Schema) ([]string, error) {
	docs, names, err := documents(s)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, name := range names {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, docs[name], 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

// WriteFS is Write into memory: file name → document, one per type and
// one per type with fields to translate, for its translations.
func WriteFS(s *schema.Schema) (map[string][]byte, error) {
	docs, _, err := documents(s)
	return docs, err
}

// documents are the documents of s by file name, and the names in the
// order of the types.
func documents(s *schema.Schema) (map[string][]byte, []string, error) {
	docs := map[string][]byte{}
	var names []string
	add := func(t *schema.Type, name string, build func(*schema.Schema, *schema.Type) ([]byte, error)) error {
		b, err := build(s, t)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		docs[name] = b
		names = append(names, name)
		return nil
	}
	for _, t := range s.Types {
		if err := add(t, FileName(t), Type); err != nil {
			return nil, nil, err
		}
		if translates(t) {
			if err := add(t, TranslationFileName(t), Translation); err != nil {
				return nil, nil, err
			}
		}
	}
	return docs, names, nil
}

func typeDescription(t *schema.Type) string {
	d := strings.TrimSpace(t.Description)
	if d != "" && !strings.HasSuffix(d, ".") {
		d += "."
	}
	where := fmt.Sprintf("An entry of content/%s/: the fields of SLUG.toml, or the front matter between +++ lines of SLUG.md.", t.Folder)
	return strings.TrimSpace(d + " " + where)
}

type writer struct{ s *schema.Schema }

// fields is the properties, required list and closedness of a table.
func (w writer) fields(fs []*schema.Field) obj {
	props := obj{}
	var required []string
	for _, f := range fs {
		props = append(props, kv{f.Name, w.field(f)})
		if f.Required {
			required = append(required, f.Name)
		}
	}
	out := obj{{"type", "object"}, {"properties", props}}
	if len(required) > 0 {
		out = append(out, kv{"required", required})
	}
	return append(out, kv{"additionalProperties", false})
}

// field is the schema of one field, with its label and description.
func (w writer) field(f *schema.Field) obj {
	out := obj{}
	if f.Label != "" {
		out = append(out, kv{"title", f.Label})
	}
	if d := fieldDescription(f); d != "" {
		out = append(out, kv{"description", d})
	}
	switch f.Kind {
	case schema.List:
		items := w.value(f.Elem(), false)
		if f.Elem().Kind == schema.Object {
			// A table's fields are the list's (a translation's are a
			// subset of its element's).
			items = w.fields(f.Fields)
		}
		out = append(out, kv{"type", "array"}, kv{"items", items})
		if f.Min != nil {
			out = append(out, kv{"minItems", int64(f.Min.Num)})
		}
		if f.Max != nil {
			out = append(out, kv{"maxItems", int64(f.Max.Num)})
		}
	default:
		out = append(out, w.value(f, f.Required)...)
	}
	if f.Default != nil {
		out = append(out, kv{"default", jsonValue(f.Default)})
	}
	return out
}

// value is the schema of one value of a field's (element) kind.
func (w writer) value(f *schema.Field, required bool) obj {
	var out obj
	switch f.Kind {
	case schema.String, schema.Text:
		out = obj{{"type", "string"}}
		switch {
		case f.Pattern != nil:
			out = append(out, kv{"pattern", anchored(f)})
		case required:
			// agora check refuses a required text that is only spaces.
			out = append(out, kv{"pattern", `\S`})
		}
		if f.Min != nil {
			out = append(out, kv{"minLength", int64(f.Min.Num)})
		}
		if f.Max != nil {
			out = append(out, kv{"maxLength", int64(f.Max.Num)})
		}
	case schema.Int, schema.Float:
		typ := "integer"
		if f.Kind == schema.Float {
			typ = "number"
		}
		out = obj{{"type", typ}}
		if f.Min != nil {
			out = append(out, kv{"minimum", number(f.Min.Num)})
		}
		if f.Max != nil {
			out = append(out, kv{"maximum", number(f.Max.Num)})
		}
	case schema.Bool:
		out = obj{{"type", "boolean"}}
	case schema.Date:
		// A TOML local date (2022-06-07) reaches JSON Schema tools as
		// this string; a quoted "2022-06-07" is accepted too.
		out = obj{{"type", "string"}, {"format", "date"}, {"pattern", `^[0-9]{4}-[0-9]{2}-[0-9]{2}$`}}
	case schema.URL:
		out = obj{{"type", "string"}, {"format", "uri"}, {"pattern", `^https?://[^/?#\s]+`}}
	case schema.Email:
		out = obj{{"type", "string"}, {"format", "email"}}
	case schema.Enum:
		out = obj{{"type", "string"}, {"enum", f.Values}}
	case schema.Topic:
		out = obj{{"type", "string"}, {"minLength", 1}, {"pattern", `\S`}}
	case schema.Ref:
		out = obj{{"type", "string"}, {"minLength", 1}, {"pattern", `\S`}}
		if t := w.s.Type(f.Ref); t != nil && t.Aliases == "" {
			// A slug; types with other names accept those too.
			out[2] = kv{"pattern", schema.SlugPattern.String()}
		}
	case schema.Object:
		out = w.fields(f.Fields)
	case schema.Image, schema.File:
		out = fileRef(f.Kind)
	}
	return out
}

// fileRef is the schema of an image or file value: an inline table naming
// a file of the entry's folder, an image with its alt text. That the file
// is there and of an allowed kind is left to agora check.
func fileRef(k schema.Kind) obj {
	// A name, not a path: no slash or backslash, not hidden.
	src := obj{{"type", "string"}, {"minLength", 1}, {"pattern", `^[^./\\][^/\\]*$`},
		{"description", "The name of a file in the entry's folder, beside its index.md."}}
	props := obj{{"src", src}}
	required := []string{"src"}
	if k == schema.Image {
		props = append(props, kv{"alt", obj{{"type", "string"}, {"pattern", `\S`},
			{"description", "What the image shows, for readers who cannot see it."}}})
		required = append(required, "alt")
	} else {
		props = append(props, kv{"title", obj{{"type", "string"},
			{"description", "The link text (default: the file's name)."}}})
	}
	return obj{{"type", "object"}, {"properties", props}, {"required", required}, {"additionalProperties", false}}
}

// fieldDescription is the schema's description, with what the editor
// cannot check said in words.
func fieldDescription(f *schema.Field) string {
	parts := []string{strings.TrimSpace(f.Description)}
	e := f.Elem()
	switch e.Kind {
	case schema.Ref:
		parts = append(parts, "The slug of a "+e.Ref+".")
	case schema.Topic:
		parts = append(parts, "The slug of a topic, or one of its other names.")
	case schema.Date:
		if f.Min != nil {
			parts = append(parts, "Not before "+schema.FormatDate(f.Min.Date)+".")
		}
		if f.Max != nil {
			parts = append(parts, "Not after "+schema.FormatDate(f.Max.Date)+".")
		}
	}
	if f.NotBefore != "" {
		parts = append(parts, "Not before "+f.NotBefore+".")
	}
	// exclusiveMinimum is a flag in draft 4 and a number after it: said
	// in words, so that editors of either draft read the files alike.
	if e.Above != nil {
		parts = append(parts, "More than "+strconv.FormatFloat(e.Above.Num, 'f', -1, 64)+".")
	}
	if f.AtMost != "" {
		parts = append(parts, "At most "+f.AtMost+".")
	}
	if f.Unique {
		parts = append(parts, "No two entries may share it.")
	}
	if f.Private {
		parts = append(parts, "Private: checked, never published.")
	}
	var out []string
	for _, p := range parts {
		if p != "" {
			if !strings.HasSuffix(p, ".") {
				p += "."
			}
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// anchored is a field pattern matched against the whole value, as agora
// check does: JSON Schema patterns match anywhere unless anchored.
func anchored(f *schema.Field) string {
	return "^(?:" + schema.PatternSource(f.Pattern) + ")$"
}

// number keeps whole bounds whole: 1, not 1.0.
func number(n float64) any {
	if n == float64(int64(n)) {
		return int64(n)
	}
	return n
}

// jsonValue turns a default from the schema into JSON.
func jsonValue(v any) any {
	switch x := v.(type) {
	case interface{ Format(string) string }:
		return x.Format("2006-01-02")
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}

// obj is a JSON object that keeps its keys in order, so that documents
// list fields as the schema does and diff well.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(p.k)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p.v); err != nil {
			return nil, err
		}
		b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
