package spreadsheet

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/scaffold"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// required reports the required fields a row leaves empty, at their
// cells; the fields of a table only in the items the row fills.
func (im *importer) required(r *row) {
	for _, f := range im.Type.Fields {
		if f.Builtin {
			continue
		}
		if _, ok := r.values[f.Name]; !ok && f.Required && !im.failedUnder(r, f.Name) {
			c := im.column(func(t *target) bool { return t.field == f })
			if c == nil {
				continue // told once at the header, by missingColumns
			}
			im.at(r, *c, &problem{"missing-required", "a value is required", `""`, cellPhrase(f), fillIn(f)})
			continue
		}
		if f.Elem().Kind != schema.Object {
			continue
		}
		for item, values := range r.items(f) {
			for _, sub := range f.Fields {
				key := itemKey(f, item, sub)
				if _, ok := values[sub.Name]; ok || !sub.Required || r.failed[key] {
					continue
				}
				c := im.column(func(t *target) bool { return t.key() == key })
				if c == nil {
					c = im.column(func(t *target) bool { return t.field == f && t.item == item })
				}
				im.at(r, *c, &problem{"missing-required", fmt.Sprintf("%s needs a %s", itemName(f, item), sub.Name), `""`, cellPhrase(sub), fillIn(sub)})
			}
		}
	}
}

// cellPhrase says what a cell for f holds.
func cellPhrase(f *schema.Field) string {
	switch f.Elem().Kind {
	case schema.String, schema.Text:
		return "text"
	case schema.Topic:
		return "the slug, name or alias of a topic"
	case schema.Ref:
		return "the slug or name of a " + f.Elem().Ref
	}
	return schema.KindPhrase(f.Elem())
}

func fillIn(f *schema.Field) string {
	if d := strings.TrimSuffix(f.Description, "."); d != "" {
		return "fill it in: " + d
	}
	return "fill it in"
}

// items are a table field's items by number (1 for an object that is not
// a list).
func (r *row) items(f *schema.Field) map[int]map[string]any {
	switch v := r.values[f.Name].(type) {
	case map[int]map[string]any:
		return v
	case map[string]any:
		return map[int]map[string]any{0: v}
	}
	return nil
}

func itemKey(f *schema.Field, item int, sub *schema.Field) string {
	return target{field: f, item: item, sub: sub}.key()
}

func itemName(f *schema.Field, item int) string {
	if f.Kind == schema.List {
		return fmt.Sprintf("%s item %d", f.Name, item)
	}
	return f.Name
}

// failedUnder reports whether a cell of the field had a problem.
func (im *importer) failedUnder(r *row, name string) bool {
	for k := range r.failed {
		if k == name || strings.HasPrefix(k, name+".") {
			return true
		}
	}
	return false
}

// files lays out each row's entry as agora new does. A row without a
// slug gets one for the check only (it is never written: its row has an
// error).
func (im *importer) files() []File {
	var out []File
	for _, r := range im.entries {
		slug := r.slug
		if slug == "" {
			slug = "row-" + strconv.Itoa(r.number)
		}
		values := maps.Clone(r.values)
		for _, f := range im.Type.Fields {
			if items, ok := values[f.Name].(map[int]map[string]any); ok {
				var list []any
				for _, n := range slices.Sorted(maps.Keys(items)) {
					list = append(list, items[n])
				}
				values[f.Name] = list
			}
		}
		out = append(out, File{Path: path.Join("content", im.Type.Folder, slug+".md"),
			Data: scaffold.Filled(im.Type, values, r.body), Row: r.number})
	}
	return out
}

// check runs agora check's checks on the new entries together with the
// content: each entry's fields, then what spans entries (unique values,
// refs, cycles). Problems of a new entry are told at its row and the
// column of the field; problems the content already had are not told
// again.
func (im *importer) check(files []File) {
	byPath := map[string]*row{}
	var fresh []*load.Entry
	for i, f := range files {
		r := im.entries[i]
		byPath[f.Path] = r
		e, diags := load.Parse(im.Type, f.Path, f.Data)
		if e == nil {
			im.report(r.number, 1, diag.Error, "internal", "agora could not read back the entry it made of this row: please report it", f.Path, "", diags[0].Message)
			continue
		}
		diags = append(diags, validate.Entry(e, validate.Options{Today: im.Today})...)
		im.place(r, diags)
		fresh = append(fresh, e)
	}
	all := append(slices.Clone(im.p.Content.Entries), fresh...)
	load.SortEntries(all)
	content := &load.Content{Root: im.p.Root, Entries: all, Broken: im.p.Content.Broken}
	across := validate.Across(all, im.p.Schema)
	_, linked := link.Build(content, im.p.Schema, link.Options{})
	before := map[string]bool{}
	for _, d := range im.p.Diags {
		before[d.File+"\x00"+d.Code+"\x00"+d.Message] = true
	}
	var others diag.List
	for _, d := range append(across, linked...) {
		if r := byPath[d.File]; r != nil {
			im.place(r, diag.List{d})
		} else if !before[d.File+"\x00"+d.Code+"\x00"+d.Message] {
			others = append(others, d)
		}
	}
	load.Locate(im.p.Root, others)
	im.diags = append(im.diags, others...)
}

// place reports the check's problems with a row's entry at the cells
// they are about: the column of the field the key names.
func (im *importer) place(r *row, diags diag.List) {
	for _, d := range diags {
		if d.Code == "missing-required" {
			continue // told at the cell by required, or by the cell's own problem
		}
		key := im.columnKey(d.Key)
		if d.Key == "" && d.Line > 0 && d.Source != "" && r.body != "" {
			key = BodyColumn // a reference of the body to a file, told at its line
		}
		if key != "" && (r.failed[key] || im.failedUnder(r, key)) {
			continue // the cell's own problem was told
		}
		col := im.column(func(t *target) bool { return t.key() == key })
		if col == nil {
			col = im.column(func(t *target) bool { return strings.HasPrefix(t.key(), key+".") })
		}
		d.File, d.Col, d.Line, d.Pending, d.Source, d.Key = im.File, 1, r.number, false, "", ""
		if col != nil {
			d.Col = col.number()
			d.Message = fmt.Sprintf("column %q: %s", col.name, d.Message)
		}
		im.diags = append(im.diags, d)
	}
}

// columnKey turns a TOML key path of the check ("actions.0.owner",
// "attendees.2") into the key of the column that holds it
// ("actions.1.owner", "attendees").
func (im *importer) columnKey(key string) string {
	parts := strings.Split(key, ".")
	f := im.Type.Lookup(parts[0])
	if f == nil || len(parts) == 1 {
		return key
	}
	if f.Elem().Kind != schema.Object {
		return f.Name
	}
	if f.Kind != schema.List {
		return f.Name + "." + parts[1]
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil {
		return f.Name
	}
	if len(parts) == 2 {
		return f.Name + "." + strconv.Itoa(n+1)
	}
	return f.Name + "." + strconv.Itoa(n+1) + "." + parts[2]
}
