package spreadsheet

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/site"
)

// Options say what to import and how.
type Options struct {
	File  string // the CSV file's name, as messages show it
	Data  []byte // its bytes
	Type  *schema.Type
	Maps  map[string]string // column → field name, or "-" to leave the column out
	Dates DateOrder         // how to read 03/04/2025; "" refuses such dates
	Today time.Time         // for the check's overdue warnings
}

// File is one entry file the import writes.
type File struct {
	Path string // slash path from the source root: content/members/ana.md
	Data []byte
	Row  int // the row of the CSV file it comes from
}

// Import turns the rows of a CSV file into entries of one type of the
// project p (loaded with drafts). It returns the files to write and every
// problem found, at FILE:ROW:COL; the files may be written only when
// Diags holds no error. An error is a mistake in the options (a --map of
// a column the file does not have).
func Import(p *site.Project, opts Options) ([]File, diag.List, error) {
	tb, diags := readTable(opts.File, opts.Data)
	if diags.HasErrors() {
		return nil, diags, nil
	}
	cols, diags, err := mapColumns(tb, opts.Type, opts.Maps)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{Options: opts, p: p, tb: tb, cols: cols, names: map[string]*names{}}
	diags = append(diags, im.missingColumns()...)
	if diags.HasErrors() {
		diags.Sort()
		return nil, diags, nil
	}
	im.rows()
	if len(im.entries) == 0 {
		im.report(1, 1, diag.Error, "no-rows", "the file has a header but no rows", "", "one row per entry under the header", "")
	}
	im.slugs()
	for _, e := range im.entries {
		im.convert(e)
	}
	files := im.files()
	im.check(files)
	im.diags = append(diags, im.diags...)
	im.diags.Sort()
	return files, im.diags, nil
}

// importer holds one import's state.
type importer struct {
	Options
	p       *site.Project
	tb      *table
	cols    []column
	entries []*row
	names   map[string]*names // by type name, built on first use
	diags   diag.List
}

// row is one row of the file, becoming one entry.
type row struct {
	number int // in the file, the header being 1
	cells  []string
	slug   string
	title  string
	values map[string]any
	body   string
	failed map[string]bool // keys ("actions.2.owner") whose cell had a problem
}

func (im *importer) report(rowNum, col int, sev diag.Severity, code, msg, found, allowed, hint string) {
	im.diags = append(im.diags, diag.Diagnostic{File: im.File, Line: rowNum, Col: col, Severity: sev, Code: code,
		Message: msg, Found: found, Allowed: allowed, Hint: hint})
}

// at reports a problem with a row's cell in column c.
func (im *importer) at(r *row, c column, p *problem) {
	im.report(r.number, c.number(), diag.Error, p.code, fmt.Sprintf("column %q: %s", c.name, p.message), p.found, p.allowed, p.hint)
	if c.target != nil {
		r.failed[c.target.key()] = true
	}
}

// rows reads the rows, leaving out the empty ones spreadsheets leave
// under their data.
func (im *importer) rows() {
	for i, cells := range im.tb.rows {
		if strings.Join(cells, "") == "" {
			continue
		}
		r := &row{number: i + 2, cells: cells, values: map[string]any{}, failed: map[string]bool{}}
		if extra := slices.IndexFunc(cells[min(len(cells), len(im.tb.header)):], func(s string) bool { return s != "" }); extra >= 0 {
			col := len(im.tb.header) + extra + 1
			im.report(r.number, col, diag.Error, "extra-cells",
				fmt.Sprintf("the row has a cell in column %d but the header names %d columns", col, len(im.tb.header)),
				strconv.Quote(cells[col-1]), "a name in the header for every column",
				"name the column in row 1, or remove the cells; the file's delimiter was taken to be "+delimiterName(im.tb.comma))
		}
		im.entries = append(im.entries, r)
	}
}

// cell is the row's value in column c ("" past its end).
func (r *row) cell(c column) string {
	if c.index < len(r.cells) {
		return r.cells[c.index]
	}
	return ""
}

// missingColumns reports the required fields no column fills.
func (im *importer) missingColumns() diag.List {
	var diags diag.List
	for _, f := range im.Type.Fields {
		if !f.Required || im.column(func(t *target) bool { return t.field == f }) != nil {
			continue
		}
		example := f.Name
		if f.Elem().Kind == schema.Object {
			example = f.Name + ".1." + f.Fields[0].Name
		}
		diags = append(diags, diag.Diagnostic{File: im.File, Line: 1, Col: 1, Code: "missing-column",
			Message: fmt.Sprintf("no column for the required field %s of %s", f.Name, im.Type.Name),
			Found:   quoted(im.tb.header), Allowed: fmt.Sprintf("a column named %s (or %s)", example, f.Label),
			Hint: fmt.Sprintf("add the column, or name the column that holds it: --map 'COLUMN=%s'", f.Name)})
	}
	return diags
}

// column is the first column whose target satisfies ok, or nil.
func (im *importer) column(ok func(*target) bool) *column {
	for i, c := range im.cols {
		if c.target != nil && ok(c.target) {
			return &im.cols[i]
		}
	}
	return nil
}

// slugs gives every row its slug: the slug column's, or one made from the
// title, unique and not taken by an existing entry.
func (im *importer) slugs() {
	slugCol := im.column(func(t *target) bool { return t.slug })
	titleCol := im.column(func(t *target) bool { return t.field != nil && t.sub == nil && t.field.Name == im.Type.TitleField })
	taken := map[string]*row{}
	for _, r := range im.entries {
		if titleCol != nil {
			r.title = r.cell(*titleCol)
		}
		switch {
		case slugCol != nil && r.cell(*slugCol) != "":
			r.slug = r.cell(*slugCol)
			if !load.ValidSlug(r.slug) {
				im.at(r, *slugCol, &problem{"bad-slug", "not a valid slug", strconv.Quote(r.slug),
					"lowercase letters, digits and hyphens, starting with a letter or digit", "write " + load.SuggestSlug(r.slug)})
				r.slug = ""
			}
		case r.title != "":
			slug, script := Slugify(r.title)
			if script != "" {
				im.at(r, *titleCol, &problem{"no-slug", fmt.Sprintf("cannot make a slug (the file name) from a title in the %s script", script),
					strconv.Quote(r.title), "a slug of lowercase Latin letters, digits and hyphens",
					"add a column slug with the entry's slug in Latin letters, such as " + im.Type.Folder + "-" + strconv.Itoa(r.number)})
			} else if slug == "" || load.Reserved(slug) {
				im.at(r, *titleCol, &problem{"no-slug", "cannot make a slug (the file name) from this title", strconv.Quote(r.title),
					"a title with letters or digits", "add a column slug with the entry's slug"})
			} else {
				r.slug = slug
			}
		case titleCol == nil || !titleCol.target.field.Required:
			col := column{index: 0, name: im.tb.header[0]}
			if titleCol != nil {
				col = *titleCol
			}
			im.at(r, col, &problem{"no-slug", fmt.Sprintf("the row has no %s to make its slug (file name) from", im.Type.TitleField), `""`,
				"a " + im.Type.TitleField + ", or a slug column", "fill in the " + im.Type.TitleField})
		}
		if r.slug == "" {
			continue
		}
		col := column{index: 0, name: im.tb.header[0]}
		if slugCol != nil && r.cell(*slugCol) != "" {
			col = *slugCol
		} else if titleCol != nil {
			col = *titleCol
		}
		if prev, ok := taken[r.slug]; ok {
			im.at(r, col, &problem{"duplicate-slug", fmt.Sprintf("row %d has the same slug", prev.number), strconv.Quote(r.slug),
				"one row per entry, each with its own slug", "remove the repeated row, or add a slug column to tell them apart"})
			continue
		}
		taken[r.slug] = r
		if existing := im.existing(r.slug); existing != "" {
			im.at(r, col, &problem{"entry-exists", fmt.Sprintf("%s %s already exists: %s; agora import never overwrites an entry", im.Type.Name, r.slug, existing),
				strconv.Quote(r.slug), "a slug no " + im.Type.Name + " has yet",
				"leave the row out if it is the same " + im.Type.Name + ", or give it another slug in a slug column"})
		}
	}
}

// existing names the file of the entry of this slug, if there is one.
func (im *importer) existing(slug string) string {
	for _, name := range []string{slug + ".md", slug + ".toml", slug} {
		p := path.Join("content", im.Type.Folder, name)
		if _, err := im.p.Root.Stat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
	return ""
}

// lookup is the index of the entries of a type by name: those of the
// content, and the rows of this import when it is of that type.
func (im *importer) lookup(typeName string) *names {
	if n, ok := im.names[typeName]; ok {
		return n
	}
	n := newNames()
	im.names[typeName] = n
	t := im.p.Schema.Type(typeName)
	if t == nil {
		return n
	}
	for _, e := range im.p.Content.Entries {
		if e.Type == t {
			n.add(e.Slug, append([]string{e.Title()}, textItems(e.Fields[t.Aliases])...)...)
		}
	}
	if t == im.Type {
		aliases := im.column(func(tg *target) bool { return tg.field != nil && tg.field.Name == t.Aliases })
		for _, r := range im.entries {
			if r.slug == "" {
				continue
			}
			others := []string{r.title}
			if aliases != nil {
				others = append(others, splitList(r.cell(*aliases))...)
			}
			n.add(r.slug, others...)
		}
	}
	return n
}

func textItems(v any) []string {
	var out []string
	for _, x := range schema.Items(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// convert fills a row's values from its cells.
func (im *importer) convert(r *row) {
	cv := converter{dates: im.Dates, lookup: im.lookup}
	for _, c := range im.cols {
		s := r.cell(c)
		if c.target == nil || c.target.slug || s == "" {
			continue
		}
		if c.target.body {
			r.body = s
			continue
		}
		f := c.target.field
		if c.target.sub != nil {
			f = c.target.sub
		}
		v, p := cv.cell(f, s)
		if p != nil {
			im.at(r, c, p)
			continue
		}
		im.set(r, c.target, v)
	}
	im.required(r)
}

// set stores a value at its place: a field, or a field of a table.
func (im *importer) set(r *row, t *target, v any) {
	if t.sub == nil {
		r.values[t.field.Name] = v
		return
	}
	if t.field.Kind != schema.List {
		m, _ := r.values[t.field.Name].(map[string]any)
		if m == nil {
			m = map[string]any{}
			r.values[t.field.Name] = m
		}
		m[t.sub.Name] = v
		return
	}
	items, _ := r.values[t.field.Name].(map[int]map[string]any)
	if items == nil {
		items = map[int]map[string]any{}
		r.values[t.field.Name] = items
	}
	if items[t.item] == nil {
		items[t.item] = map[string]any{}
	}
	items[t.item][t.sub.Name] = v
}
