package schema

// TranslationFields are copies of the translatable fields among fields
// (and, in each table, of its translatable fields), none required and
// none defaulted: a translation (SLUG.LANG.md) may leave any of them to
// the original. top adds draft and updated, which a translation has of
// its own. The check of translations and the JSON Schema of translation
// files both read them.
func TranslationFields(fields []*Field, top bool) []*Field {
	var out []*Field
	for _, f := range fields {
		if !f.Translatable && !(top && OwnTranslationField(f)) {
			continue
		}
		c := *f
		c.Required, c.Default, c.Unique = false, nil, false
		if f.Elem().Kind == Object {
			// validate reads a table's fields from Fields (its element
			// shares the original's, which only checks need).
			c.Fields = TranslationFields(f.Fields, false)
		}
		out = append(out, &c)
	}
	return out
}

// OwnTranslationField reports whether a translation sets the field for
// itself: a draft translation is not published, updated dates its text.
func OwnTranslationField(f *Field) bool {
	return f.Builtin && (f.Name == "draft" || f.Name == "updated")
}
