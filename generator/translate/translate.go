// Package translate checks the translations of entries (SLUG.LANG.md,
// content model v2) against their originals, and says which entries are
// translated, stale or missing in each language of the site.
//
// A translation restates only its original's translatable fields (the
// schema key translatable), a list of tables item by item in the
// original's order, and its own Markdown body; every other value is the
// original's. The checks run after the originals are checked, since a
// translation is measured against one.
package translate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// Translation is a checked translation of one entry into one language.
type Translation struct {
	File     *load.Entry // the translation's file, its Fields as written
	Original *load.Entry
	Lang     string
	// Fields are the checked values of the translated fields; a list of
	// tables holds, item by item, only the items' translatable fields.
	Fields map[string]any
	// Stale marks a translation last changed before its original, which
	// changed at OriginalChange (see Set.Stale).
	Stale          bool
	OriginalChange Change
}

// Set is the translations of a site, by original entry and language.
type Set struct {
	// Languages are the site's languages, its default first.
	Languages []string
	byEntry   map[*load.Entry]map[string]*Translation
	count     int
}

// Of is e's translation into lang, or nil.
func (s *Set) Of(e *load.Entry, lang string) *Translation {
	if s == nil {
		return nil
	}
	return s.byEntry[e][lang]
}

// Len is how many translations the set holds.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return s.count
}

// Check checks every translation of c against its original and the
// site's languages (the default first). A translation with an error is
// left out of the set, as an entry with one is left out of the site.
func Check(c *load.Content, sch *schema.Schema, languages []string) (*Set, diag.List) {
	s := &Set{Languages: languages, byEntry: map[*load.Entry]map[string]*Translation{}}
	originals := map[string]map[string]*load.Entry{}
	for _, e := range c.Entries {
		if originals[e.Type.Name] == nil {
			originals[e.Type.Name] = map[string]*load.Entry{}
		}
		originals[e.Type.Name][e.Slug] = e
	}
	var diags diag.List
	for _, f := range c.Translations {
		original := originals[f.Type.Name][f.Slug]
		t, found := check(f, original, originals[f.Type.Name], languages)
		diags = append(diags, found...)
		if t == nil || found.HasErrors() {
			continue
		}
		if s.byEntry[original] == nil {
			s.byEntry[original] = map[string]*Translation{}
		}
		s.byEntry[original][t.Lang] = t
		s.count++
	}
	return s, diags
}

// check checks one translation file: its language, its original, and its
// fields against the original's.
func check(f, original *load.Entry, ofType map[string]*load.Entry, languages []string) (*Translation, diag.List) {
	file := func(code, msg, found, allowed, hint string) diag.List {
		return diag.List{{File: f.File, Code: code, Message: msg, Found: found, Allowed: allowed, Hint: hint}}
	}
	if !slices.Contains(languages[1:], f.Lang) {
		hint := diag.DidYouMean(f.Lang, languages[1:])
		if hint == "" {
			hint = "add " + strconv.Quote(f.Lang) + " to languages in site.toml, or rename the file"
		}
		if len(languages) > 0 && f.Lang == languages[0] {
			return nil, file("translation-language", fmt.Sprintf("%q is the site's own language: the original is in it", f.Lang),
				strconv.Quote(f.Lang), quoted(languages[1:]), "write the text in the original, "+f.Slug+extension(f))
		}
		return nil, file("translation-language", fmt.Sprintf("the site is not published in %q", f.Lang),
			strconv.Quote(f.Lang), quoted(languages[1:]), hint)
	}
	if original == nil {
		slugs := make([]string, 0, len(ofType))
		for slug := range ofType {
			slugs = append(slugs, slug)
		}
		slices.Sort(slugs)
		hint := diag.DidYouMean(f.Slug, slugs)
		if hint == "" {
			hint = "name the file after the entry it translates: SLUG." + f.Lang + extension(f)
		}
		return nil, file("translation-original", fmt.Sprintf("no %s %q to translate", f.Type.Name, f.Slug),
			strconv.Quote(f.Slug), "the slug of a "+f.Type.Name+" of content/"+f.Type.Folder+"/", hint)
	}
	if own, _ := original.Fields["language"].(string); own == f.Lang {
		return nil, file("translation-language", fmt.Sprintf("%s is written in %q already", original.ID(), f.Lang),
			strconv.Quote(f.Lang), "a language other than the original's", "remove the translation, or correct the original's language")
	}
	// The checks remove and convert values: they work on a copy, so that
	// the preview server checks the same files again after each edit.
	checked := *f
	checked.Fields = cloneValue(f.Fields).(map[string]any)
	diags := untranslatable(&checked, original)
	fields := schema.TranslationFields(f.Type.Fields, true)
	values, found := validate.Fields(f.File, f.Type.Name+" translation", fields, checked.Fields)
	diags = append(diags, found...)
	diags = append(diags, itemCounts(f, original, values)...)
	diags = append(diags, keptFiles(f, original, values)...)
	diags = append(diags, validate.TranslationFiles(f, original)...)
	return &Translation{File: f, Original: original, Lang: f.Lang, Fields: values}, diags
}

// cloneValue copies a file's value, its tables and lists too.
func cloneValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = cloneValue(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = cloneValue(x)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(v))
		for i, x := range v {
			out[i] = cloneValue(x).(map[string]any)
		}
		return out
	}
	return v
}

func extension(f *load.Entry) string {
	if f.BodyStart < 0 {
		return ".toml"
	}
	return ".md"
}

func quoted(l []string) string {
	if len(l) == 0 {
		return "none: site.toml lists no other language"
	}
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// untranslatable reports, and removes from the translation's values, the
// fields it may not restate: those of the original's schema that are not
// translatable, in its tables too. Keys the schema does not know are left
// for validate, which names them unknown.
func untranslatable(f, original *load.Entry) diag.List {
	var diags diag.List
	var walk func(fields []*schema.Field, values map[string]any, prefix string)
	walk = func(fields []*schema.Field, values map[string]any, prefix string) {
		allowed := names(schema.TranslationFields(fields, prefix == ""))
		for _, k := range sortedKeys(values) {
			field := lookup(fields, k)
			if field == nil {
				continue
			}
			key := join(prefix, k)
			if !field.Translatable && !(prefix == "" && schema.OwnTranslationField(field)) {
				diags = append(diags, diag.Diagnostic{File: f.File, Key: key, Pending: true, Code: "not-translatable",
					Message: fmt.Sprintf("%s%s is not translated: a translation keeps the original's value", k, where(prefix)),
					Found:   strconv.Quote(k), Allowed: allowedPhrase(allowed),
					Hint: "remove it from the translation; the original " + original.File + " holds it"})
				delete(values, k)
				continue
			}
			if field.Elem().Kind == schema.Object {
				for i, item := range tables(values[k]) {
					if m, ok := item.(map[string]any); ok {
						sub := key
						if field.Kind == schema.List {
							sub = join(key, strconv.Itoa(i))
						}
						walk(field.Fields, m, sub)
					}
				}
			}
		}
	}
	walk(f.Type.Fields, f.Fields, "")
	return diags
}

// itemCounts reports a list of tables whose items do not match the
// original's one for one: a translation restates every item, in order.
func itemCounts(f, original *load.Entry, values map[string]any) diag.List {
	var diags diag.List
	for _, field := range f.Type.Fields {
		if field.Kind != schema.List || field.Elem().Kind != schema.Object && !field.Elem().Kind.NamesFile() || values[field.Name] == nil {
			continue
		}
		got, want := len(tables(values[field.Name])), len(tables(original.Fields[field.Name]))
		if got != want {
			hint := "restate each of the original's [[" + field.Name + "]] items, in order, with its translated fields"
			if field.Elem().Kind.NamesFile() {
				hint = "restate each of the original's " + field.Name + ", in order, with its translated " + describedText(field)
			}
			diags = append(diags, diag.Diagnostic{File: f.File, Key: field.Name, Pending: true, Code: "translation-items",
				Message: fmt.Sprintf("%s: %s, the original %s", field.Name, plural(got, "item"), plural(want, "item")),
				Found:   strconv.Itoa(got), Allowed: strconv.Itoa(want) + " (the items of " + original.File + ", in its order)",
				Hint: hint})
		}
	}
	return diags
}

// keptFiles reports an image or file of a translation that names another
// file than the original's: a translation gives the alt text or title,
// and the page in every language shows the original's files.
func keptFiles(f, original *load.Entry, values map[string]any) diag.List {
	var diags diag.List
	for _, field := range f.Type.Fields {
		if !field.Elem().Kind.NamesFile() || values[field.Name] == nil {
			continue
		}
		got, want := []any{values[field.Name]}, []any{original.Fields[field.Name]}
		if field.Kind == schema.List {
			got, want = schema.Items(got[0]), schema.Items(want[0])
		}
		for i, v := range got {
			ref, ok := v.(schema.FileRef)
			if !ok || i >= len(want) {
				continue
			}
			orig, _ := want[i].(schema.FileRef)
			if ref.Src == orig.Src {
				continue
			}
			key := join(field.Name, "src")
			if field.Kind == schema.List {
				key = join(join(field.Name, strconv.Itoa(i)), "src")
			}
			diags = append(diags, diag.Diagnostic{File: f.File, Key: key, Pending: true, Code: "translation-file",
				Message: fmt.Sprintf("%s: the translation names %q, the original %q", key, ref.Src, orig.Src),
				Found:   strconv.Quote(ref.Src), Allowed: strconv.Quote(orig.Src) + " (the file of " + original.File + ")",
				Hint: "keep src = " + strconv.Quote(orig.Src) + " and translate the " + describedText(field) + " only"})
		}
	}
	return diags
}

func describedText(f *schema.Field) string {
	if f.Elem().Kind == schema.Image {
		return "alt text"
	}
	return "title"
}

// tables are the items of a list of tables as decoded ([]map[string]any)
// or checked ([]any), or the one table of an object.
func tables(v any) []any {
	if l, ok := v.([]map[string]any); ok {
		out := make([]any, len(l))
		for i, m := range l {
			out[i] = m
		}
		return out
	}
	return schema.Items(v)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func allowedPhrase(names []string) string {
	if len(names) == 0 {
		return "no field here is translated"
	}
	return "the translated fields: " + strings.Join(names, ", ")
}

func names(fields []*schema.Field) []string {
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if !f.Builtin {
			out = append(out, f.Name)
		}
	}
	return out
}

func lookup(fields []*schema.Field, name string) *schema.Field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// where says which table of a list a key is in: " in [[actions]] item 2".
func where(prefix string) string {
	if prefix == "" {
		return ""
	}
	list, index, _ := strings.Cut(prefix, ".")
	if n, err := strconv.Atoi(index); err == nil {
		return fmt.Sprintf(" in [[%s]] item %d", list, n+1)
	}
	return " in [" + list + "]"
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
