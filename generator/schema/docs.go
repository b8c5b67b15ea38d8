package schema

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// WriteDocs writes a Markdown reference of every type and field of s, then
// of the schema language itself.
func WriteDocs(w io.Writer, s *Schema) error {
	b := &strings.Builder{}
	b.WriteString("# Content reference\n\nEvery type of entry this site accepts, and every field of each. ")
	b.WriteString("An entry is one file in its type's folder: `NAME.md` (TOML fields between `+++` lines, then Markdown) or `NAME.toml` (fields only). ")
	b.WriteString("The file name is the slug: lowercase letters, digits and hyphens.\n\n")
	for _, t := range s.Types {
		fmt.Fprintf(b, "- [%s](#%s) — `content/%s/`\n", t.Name, t.Name, t.Folder)
	}
	for _, t := range s.Types {
		writeType(b, t)
	}
	writeLanguage(b)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeType(b *strings.Builder, t *Type) {
	fmt.Fprintf(b, "\n## %s\n\n", t.Name)
	if t.Description != "" {
		fmt.Fprintf(b, "%s\n\n", t.Description)
	}
	fmt.Fprintf(b, "Folder `content/%s/` · page `%s`", t.Folder, t.Path)
	if strings.Count(t.Path, "/") > 2 {
		fmt.Fprintf(b, " · list `/%s/`", t.Folder)
	}
	fmt.Fprintf(b, " · title field `%s`", t.TitleField)
	if t.Aliases != "" {
		fmt.Fprintf(b, " · other names in `%s`", t.Aliases)
	}
	fmt.Fprintf(b, " · defined in `%s`\n\n", t.Decl.File)
	b.WriteString("| field | kind | required | description | rules |\n|---|---|---|---|---|\n")
	writeFields(b, t.Fields, "", t.Aliases)
}

func writeFields(b *strings.Builder, fields []*Field, prefix, aliases string) {
	for _, f := range fields {
		req := ""
		if f.Required {
			req = "yes"
		}
		r := rules(f)
		if prefix == "" && f.Name == aliases {
			r = append(r, "unique across entries, ignoring case; never another entry's slug")
		}
		fmt.Fprintf(b, "| `%s%s` | %s | %s | %s | %s |\n", prefix, f.Name, kindDoc(f), req, cell(f.Description), cell(strings.Join(r, "; ")))
		if len(f.Fields) > 0 {
			writeFields(b, f.Fields, prefix+f.Name+".", "")
		}
	}
}

func kindDoc(f *Field) string {
	e := f.Elem()
	k := string(e.Kind)
	if e.Kind == Ref {
		k = "ref → " + e.Ref
	}
	if f.Kind == List {
		if e.Kind == Object {
			return "list of tables `[[" + f.Name + "]]`"
		}
		return "list of " + k + fileRefDoc(e.Kind)
	}
	if f.Kind == Object {
		return "table `[" + f.Name + "]`"
	}
	return k + fileRefDoc(e.Kind)
}

func rules(f *Field) []string {
	var r []string
	if len(f.Values) > 0 {
		r = append(r, "one of "+quoteList(f.Values))
	}
	if f.Default != nil {
		r = append(r, "default "+formatDefault(f.Default))
	}
	if f.Min != nil {
		r = append(r, "min "+formatBound(f, f.Min))
	}
	if f.Max != nil {
		r = append(r, "max "+formatBound(f, f.Max))
	}
	if f.Pattern != nil {
		r = append(r, "matches `"+PatternSource(f.Pattern)+"`")
	}
	if f.Unique {
		r = append(r, "unique")
	}
	if f.Private {
		r = append(r, "**private**: checked, never published")
	}
	if k := f.Elem().Kind; (k == String || k == Text) && !f.Translatable && !f.Private {
		r = append(r, "kept as written in translations")
	}
	if f.Acyclic {
		r = append(r, "no cycles")
	}
	if f.NotBefore != "" {
		r = append(r, "not before `"+f.NotBefore+"`")
	}
	if f.Above != nil {
		r = append(r, "above "+strconv.FormatFloat(f.Above.Num, 'f', -1, 64))
	}
	if f.AtMost != "" {
		r = append(r, "at most `"+f.AtMost+"`")
	}
	for _, field := range slices.Sorted(maps.Keys(f.OverdueIf)) {
		r = append(r, fmt.Sprintf("warned about when past while `%s` is %s", field, quoteList(f.OverdueIf[field])))
	}
	if f.Builtin {
		r = append(r, "every type has it")
	}
	return r
}

func formatDefault(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

func formatBound(f *Field, b *Bound) string {
	if f.Kind == Date {
		return FormatDate(b.Date)
	}
	return strconv.FormatFloat(b.Num, 'f', -1, 64)
}

func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}

// writeLanguage documents the keys of schema files.
func writeLanguage(b *strings.Builder) {
	b.WriteString("\n## The schema language\n\nA community changes these types, or adds one, with a file `schema/NAME.toml`. ")
	b.WriteString("A file with the name of a built-in type replaces it; a new name adds a type, published at `/FOLDER/` and `/FOLDER/SLUG/`.\n\n")
	b.WriteString("Keys of a schema file:\n\n")
	for _, k := range slices.Sorted(maps.Keys(typeKeys)) {
		fmt.Fprintf(b, "- `%s`: %s\n", k, typeKeys[k])
	}
	b.WriteString("\nKeys of a field (`[fields.NAME]`):\n\n")
	for _, k := range slices.Sorted(maps.Keys(fieldKeys)) {
		fmt.Fprintf(b, "- `%s`: %s\n", k, fieldKeys[k])
	}
	b.WriteString("\nEvery type also accepts `draft = true` (left out of the site unless built with `--drafts`), `updated` (a date) and `language` (the entry's language, a BCP 47 tag, when it is not the site's).\n")
	b.WriteString("\nA translation of an entry into another language of site.toml's `languages` is the file `SLUG.LANG.md` beside it (`SLUG/index.LANG.md` in an entry folder): it restates only the translated fields (string and text fields, unless `translatable = false`), a list of tables item by item, and its own body.\n")
	b.WriteString("\n### Photos and documents\n\n")
	b.WriteString("An entry may be a folder: `content/FOLDER/SLUG/index.md` (or `index.toml`) is the entry SLUG, and every other file of the folder is one of its files, published beside its page. ")
	b.WriteString("An `image` field names one: `logo = { src = \"logo.png\", alt = \"The network's logo: a green circle\" }` (alt, the text for readers who cannot see it, is required); ")
	b.WriteString("a `file` field too: `attachments = [{ src = \"report.pdf\", title = \"Report of the meeting\" }]` (title optional). ")
	b.WriteString("The Markdown body refers to them by name, as GitHub's preview shows them: `![Members at the gathering](photo.jpg)`, `[the report](report.pdf)`. ")
	b.WriteString("Images may be JPEG, PNG, GIF or WebP; they are published as resized copies without their metadata (no GPS position, camera or time). ")
	b.WriteString("Documents (PDF, OpenDocument, Office Open XML, CSV, plain text) and audio (MP3, Ogg, M4A) are published as they are. ")
	b.WriteString("A file's content decides its kind, not its name; SVG, HTML, scripts and programs are refused. A file nothing refers to is not published.\n")
}

// fileRefDoc says what the table of an image or file value holds.
func fileRefDoc(k Kind) string {
	switch k {
	case Image:
		return " `{ src, alt }`"
	case File:
		return " `{ src, title }`"
	}
	return ""
}
