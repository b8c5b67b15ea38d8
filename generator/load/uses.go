package load

import (
	"strconv"

	"github.com/agora-community/agora/generator/schema"
)

// Use is one reference of an entry to a file of its folder: an image or
// file field's value, or a link or image of its body.
type Use struct {
	Name string
	// Image: the file is shown as an image (an image field, ![alt](…)).
	Image bool
	// Private: the reference is made through a private field, so it
	// publishes nothing.
	Private bool
	// Key is the key path of a field's value ("logo", "attachments.1");
	// Value is the value.
	Key   string
	Value schema.FileRef
	// Ref is the body's reference; nil for a field.
	Ref *Ref
}

// Uses lists the entry's references to files, its fields' (in schema
// order, once the check has made their values FileRefs) then its body's.
func (e *Entry) Uses() []Use {
	var out []Use
	out = fieldUses(out, e.Type.Fields, e.Fields, "", false)
	for i := range e.Refs {
		r := &e.Refs[i]
		out = append(out, Use{Name: r.Name, Image: r.Image, Ref: r})
	}
	return out
}

func fieldUses(out []Use, fields []*schema.Field, values map[string]any, prefix string, private bool) []Use {
	for _, f := range fields {
		v, ok := values[f.Name]
		if !ok || f.Builtin {
			continue
		}
		key := f.Name
		if prefix != "" {
			key = prefix + "." + f.Name
		}
		p := private || f.Private
		switch f.Elem().Kind {
		case schema.Image, schema.File:
			for i, item := range schema.Items(v) {
				ref, ok := item.(schema.FileRef)
				if !ok {
					continue // an invalid item, already reported
				}
				k := key
				if f.Kind == schema.List {
					k += "." + strconv.Itoa(i)
				}
				out = append(out, Use{Name: ref.Src, Image: f.Elem().Kind == schema.Image, Private: p, Key: k, Value: ref})
			}
		case schema.Object:
			for i, item := range schema.Items(v) {
				m, ok := item.(map[string]any)
				if !ok {
					continue
				}
				k := key
				if f.Kind == schema.List {
					k += "." + strconv.Itoa(i)
				}
				out = fieldUses(out, f.Fields, m, k, p)
			}
		}
	}
	return out
}

// Published lists the files of the entry's folder that it publishes: those
// a public reference names and whose bytes are an allowed kind, by name.
// A file only a private field names, or none, is not published.
func (e *Entry) Published() map[string]*File {
	if len(e.Files) == 0 {
		return nil
	}
	var out map[string]*File
	for _, u := range e.Uses() {
		if u.Private {
			continue
		}
		if f, ok := e.FileNamed(u.Name); ok && f.Problem == nil {
			if out == nil {
				out = map[string]*File{}
			}
			out[u.Name] = f
		}
	}
	return out
}
