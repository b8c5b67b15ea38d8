package translate

import (
	"maps"

	"github.com/agora-community/agora/generator/schema"
)

// Values are the values a translated page shows: the original's, with
// each translatable value the translation gives in its place. A value
// left empty (a skeleton's "" or []) is not translated yet and keeps the
// original's; a list of tables is overlaid item by item, and so is a
// list of strings. Only translatable, non-private fields are taken from
// the translation, whatever it holds.
func (t *Translation) Values(fields []*schema.Field) map[string]any {
	return overlay(fields, t.Original.Fields, t.Fields)
}

func overlay(fields []*schema.Field, original, translated map[string]any) map[string]any {
	out := maps.Clone(original)
	if out == nil {
		out = map[string]any{}
	}
	for _, f := range fields {
		v, ok := translated[f.Name]
		if !ok || f.Private || !f.Translatable || empty(v) {
			continue
		}
		switch {
		case f.Elem().Kind.NamesFile() && f.Kind == schema.List:
			out[f.Name] = overlayItems(original[f.Name], v, describe)
		case f.Elem().Kind.NamesFile():
			out[f.Name] = describe(original[f.Name], v)
		case f.Elem().Kind == schema.Object && f.Kind == schema.List:
			out[f.Name] = overlayItems(original[f.Name], v, func(o, t any) any {
				om, _ := o.(map[string]any)
				tm, ok := t.(map[string]any)
				if !ok {
					return o
				}
				return overlay(f.Fields, om, tm)
			})
		case f.Elem().Kind == schema.Object:
			om, _ := original[f.Name].(map[string]any)
			if tm, ok := v.(map[string]any); ok {
				out[f.Name] = overlay(f.Fields, om, tm)
			}
		case f.Kind == schema.List:
			out[f.Name] = overlayItems(original[f.Name], v, func(o, t any) any {
				if empty(t) {
					return o
				}
				return t
			})
		default:
			out[f.Name] = v
		}
	}
	return out
}

// describe is the original image or file with the translation's alt
// text or title: the file stays the original's (the check reports a
// translation that names another).
func describe(o, t any) any {
	ref, ok := o.(schema.FileRef)
	tr, tok := t.(schema.FileRef)
	if !ok || !tok {
		return o
	}
	if tr.Alt != "" {
		ref.Alt = tr.Alt
	}
	if tr.Title != "" {
		ref.Title = tr.Title
	}
	return ref
}

// overlayItems merges a translated list into the original's item by
// item; a translated list of another length than the original's (a list
// of strings may have one) replaces it, but for its empty items.
func overlayItems(original, translated any, merge func(o, t any) any) []any {
	o, t := schema.Items(original), schema.Items(translated)
	if l, ok := original.([]map[string]any); ok {
		o = make([]any, len(l))
		for i, m := range l {
			o[i] = m
		}
	}
	out := make([]any, 0, len(t))
	for i, item := range t {
		var orig any
		if i < len(o) {
			orig = o[i]
		}
		if orig == nil && empty(item) {
			continue
		}
		out = append(out, merge(orig, item))
	}
	if len(t) < len(o) && len(t) > 0 {
		if _, tables := t[0].(map[string]any); tables {
			out = append(out, o[len(t):]...) // an item the translation does not restate keeps the original
		}
	}
	return out
}

// empty reports whether a translated value says nothing yet.
func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		for _, item := range x {
			if !empty(item) {
				return false
			}
		}
		return true
	case []string:
		for _, item := range x {
			if item != "" {
				return false
			}
		}
		return true
	case map[string]any:
		for _, item := range x {
			if !empty(item) {
				return false
			}
		}
		return true
	}
	return false
}
