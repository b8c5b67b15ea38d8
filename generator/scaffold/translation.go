package scaffold

import (
	"fmt"
	"strings"

	"github.com/agora-community/agora/generator/schema"
)

// Translation returns the text of a new translation of an entry into a
// language (SLUG.LANG.md): every translatable field the original sets,
// its text as a comment above an empty value to fill in, lists of tables
// item by item, and the original's body as comments at the end of the
// front matter. A value left empty shows the original's until it is
// translated.
func Translation(t *schema.Type, original map[string]any, originalFile, lang, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\n# The translation into %s of %s.\n# Translate each value; one left empty shows the original's.\n# Fields not listed here keep the original's.\n", lang, originalFile)
	var tables []*schema.Field
	for _, f := range t.Fields {
		if !f.Translatable || original[f.Name] == nil {
			continue
		}
		if f.Elem().Kind == schema.Object {
			tables = append(tables, f)
			continue
		}
		if f.Elem().Kind.NamesFile() {
			writeDescribed(&b, f, original[f.Name])
			continue
		}
		writeTranslated(&b, f, original[f.Name])
	}
	for _, f := range tables {
		items := schema.Items(original[f.Name])
		if l, ok := original[f.Name].([]map[string]any); ok {
			items = items[:0]
			for _, m := range l {
				items = append(items, m)
			}
		}
		for _, item := range items {
			m, _ := item.(map[string]any)
			b.WriteString("\n")
			if f.Kind == schema.List {
				b.WriteString("[[" + f.Name + "]]\n")
			} else {
				b.WriteString("[" + f.Name + "]\n")
			}
			for _, sub := range f.Fields {
				if sub.Translatable && m[sub.Name] != nil {
					writeTranslated(&b, sub, m[sub.Name])
				}
			}
		}
	}
	if body = strings.TrimSpace(body); body != "" {
		b.WriteString("\n# The original's text, to translate below the closing +++:\n")
		for _, line := range strings.Split(body, "\n") {
			b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
	}
	b.WriteString("+++\n\n")
	return []byte(b.String())
}

// writeTranslated writes a field's original text as a comment, then the
// field with an empty value of its kind.
func writeTranslated(b *strings.Builder, f *schema.Field, v any) {
	empty := `""`
	if f.Kind == schema.List {
		empty = "[]"
	}
	for _, item := range schema.Items(v) {
		s, _ := item.(string)
		for _, line := range strings.Split(s, "\n") {
			b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
	}
	fmt.Fprintf(b, "%s = %s\n", f.Name, empty)
}

// writeDescribed writes a translatable image or file as a comment to
// uncomment once its text is translated: an image's alt text may not be
// empty, so a value left to fill in would not pass the check.
func writeDescribed(b *strings.Builder, f *schema.Field, v any) {
	key, what := "alt", "alt text"
	if f.Elem().Kind == schema.File {
		key, what = "title", "title"
	}
	var items []string
	for _, item := range schema.Items(v) {
		ref, ok := item.(schema.FileRef)
		if !ok {
			continue
		}
		text := ref.Alt
		if key == "title" {
			text = ref.Title
		}
		fmt.Fprintf(b, "# %s of %s: %s\n", what, ref.Src, strings.ReplaceAll(text, "\n", " "))
		items = append(items, fmt.Sprintf("{ src = %q, %s = \"\" }", ref.Src, key))
	}
	if len(items) == 0 {
		return
	}
	value := items[0]
	if f.Kind == schema.List {
		value = "[ " + strings.Join(items, ", ") + " ]"
	}
	fmt.Fprintf(b, "# To translate it, fill in the %s and remove the # before:\n# %s = %s\n", what, f.Name, value)
}
