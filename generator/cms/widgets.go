package cms

import (
	"github.com/agora-community/agora/generator/schema"
)

// form says how a collection's fields are drawn: multi is the default
// language of a site in several ("" otherwise); uploads, that the
// collection's entries are folders (FOLDER/SLUG/index.md) whose image and
// file fields upload into the entry's own folder.
type form struct {
	multi   string
	uploads bool
}

// fileHint says where the file an image or file field names must be, in
// a collection of single-file entries: a file of one needs the entry to
// be a folder, which the CMS cannot make of an existing entry.
const fileHint = "The name of a file in this entry's folder (content/FOLDER/SLUG/, beside index.md). An entry written as one file has no folder: add it as a new entry in the collection \"with photos and files\", or move SLUG.md to SLUG/index.md in the repository."

// uploadHint is the hint of an image or file field of a collection of
// folder entries, whose uploads go beside the entry.
const uploadHint = "Upload it here: it is saved in this entry's folder, beside index.md."

// privateHint marks a private field: editable like any other, checked
// like any other, published nowhere.
const privateHint = "Private: never published (not on the site, in search, feeds or any other file); only people with access to the repository see it."

// widget is the form field of a schema field: the widget whose output
// agora check accepts, with the checks the CMS can make before saving.
func widget(f *schema.Field, sch *schema.Schema, fm form) mapping {
	w := mapping{{"name", f.Name}, {"label", f.Label}}
	w = append(w, kindOptions(f, sch, fm)...)
	if f.Required && f.Translatable && fm.multi != "" {
		// Required in the original's language only: a translation may
		// leave a field to the original (the browser test could not
		// save a member while every language's name was required).
		w.set("required", []any{fm.multi})
	} else {
		w.set("required", f.Required)
	}
	if def := defaultValue(f); def != nil {
		w.set("default", def)
	}
	w.set("hint", hint(f))
	if fm.multi != "" {
		w.set("i18n", f.Translatable)
	}
	return w
}

// hint is the field's description, with the private warning first.
func hint(f *schema.Field) string {
	switch {
	case f.Private && f.Description != "":
		return privateHint + " " + f.Description
	case f.Private:
		return privateHint
	}
	return f.Description
}

// kindOptions are the widget and its options for the field's kind.
func kindOptions(f *schema.Field, sch *schema.Schema, fm form) mapping {
	if f.Kind == schema.List {
		return listOptions(f, sch, fm)
	}
	return single(f, sch, fm)
}

// single is the widget of one value of the field's kind.
func single(f *schema.Field, sch *schema.Schema, fm form) mapping {
	switch f.Kind {
	case schema.String, schema.URL, schema.Email:
		m := mapping{{"widget", "string"}}
		switch f.Kind {
		case schema.URL:
			m.set("type", "url")
		case schema.Email:
			m.set("type", "email")
		}
		m.set("pattern", pattern(f))
		return m
	case schema.Text:
		m := mapping{{"widget", "text"}}
		m.set("pattern", pattern(f))
		return m
	case schema.Int, schema.Float:
		m := mapping{{"widget", "number"}, {"value_type", "int"}}
		if f.Kind == schema.Float {
			m[1].value = "float"
		}
		if f.Min != nil {
			m.set("min", f.Min.Num)
		}
		if f.Max != nil {
			m.set("max", f.Max.Num)
		}
		return m
	case schema.Bool:
		return mapping{{"widget", "boolean"}}
	case schema.Date:
		// A date without a time, written as 2025-03-14.
		return mapping{{"widget", "datetime"}, {"type", "date"}, {"format", "YYYY-MM-DD"}}
	case schema.Enum:
		return mapping{{"widget", "select"}, {"options", anyList(f.Values)}}
	case schema.Topic, schema.Ref:
		return relation(f, sch)
	case schema.Object:
		return mapping{{"widget", "object"}, {"fields", subfields(f, sch, fm)}}
	case schema.Image:
		return mapping{{"widget", "object"}, {"fields", described(f, fm,
			mapping{{"name", "src"}, {"label", "Image"}, {"widget", "string"},
				{"hint", fileHint + " JPEG, PNG, GIF or WebP."}},
			mapping{{"name", "alt"}, {"label", "Description (alt text)"}, {"widget", "string"},
				{"hint", "What the image shows, for people who cannot see it. Never empty."}},
		)}}
	case schema.File:
		return mapping{{"widget", "object"}, {"fields", described(f, fm,
			mapping{{"name", "src"}, {"label", "File"}, {"widget", "string"},
				{"hint", fileHint + " PDF, OpenDocument, Office, CSV, text, MP3, Ogg or M4A."}},
			mapping{{"name", "title"}, {"label", "Title"}, {"widget", "string"}, {"required", false}},
		)}}
	}
	return mapping{{"widget", "string"}}
}

// described are the inputs of an image or a file. Translated (the
// schema says translatable = true), its text is each language's own and
// its file the original's in every language, as agora check requires.
func described(f *schema.Field, fm form, src, text mapping) []any {
	if fm.uploads {
		src.put("widget", string(f.Elem().Kind)) // the CMS's image and file widgets
		src.put("hint", uploadHint)
	}
	if fm.multi != "" && f.Translatable {
		src.set("i18n", "duplicate")
		text.set("i18n", true)
	}
	return []any{src, text}
}

// listOptions: a list of refs, topics or enum values is one multiple
// choice; a list of tables is a list of objects; a list of any other
// value a list of that value's inputs.
func listOptions(f *schema.Field, sch *schema.Schema, fm form) mapping {
	elem := f.Elem()
	switch elem.Kind {
	case schema.Topic, schema.Ref, schema.Enum:
		m := single(elem, sch, fm)
		m.set("multiple", true)
		return m
	case schema.Object:
		return mapping{{"widget", "list"}, {"fields", subfields(f, sch, fm)}}
	}
	item := mapping{{"name", "item"}, {"label", f.Label}}
	item = append(item, single(elem, sch, fm)...)
	return mapping{{"widget", "list"}, {"field", item}}
}

// relation picks entries of the target type by their title, storing
// the slug, as refs and topics are written.
func relation(f *schema.Field, sch *schema.Schema) mapping {
	target := sch.Type(f.Target())
	if target == nil {
		return mapping{{"widget", "string"}}
	}
	search := []any{target.TitleField}
	if target.Aliases != "" {
		search = append(search, target.Aliases)
	}
	return mapping{{"widget", "relation"}, {"collection", target.Name}, {"value_field", "{{slug}}"},
		{"search_fields", search}, {"display_fields", []any{target.TitleField}}}
}

func subfields(f *schema.Field, sch *schema.Schema, fm form) []any {
	out := make([]any, 0, len(f.Fields))
	for _, sub := range f.Fields {
		out = append(out, widget(sub, sch, fm))
	}
	return out
}

// pattern is the field's regular expression (anchored, as agora check
// matches it) with the message the CMS shows.
func pattern(f *schema.Field) []any {
	if f.Elem().Pattern == nil {
		return nil
	}
	return []any{f.Elem().Pattern.String(), "Must match " + f.Elem().Pattern.String()}
}

// defaultValue is the schema's default where a widget takes it: a
// scalar.
func defaultValue(f *schema.Field) any {
	switch v := f.Default.(type) {
	case string, bool, int64, float64:
		return v
	}
	return nil
}
