package render

import (
	"bytes"
	"fmt"
	"html/template"
	"iter"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// record gives templates read access to one table of an entry. Every
// accessor goes through the schema and returns nothing for a private
// field, so no template can publish one.
type record struct {
	fields []*schema.Field
	values map[string]any
	site   *Site
	// entry is the entry the table belongs to, whose folder holds the
	// files its image and file fields name.
	entry *Entry
}

// owner is the entry the table belongs to.
func (r record) owner() *Entry { return r.entry }

func (r record) field(name string) *schema.Field {
	for _, f := range r.fields {
		if f.Name == name {
			if f.Private {
				return nil
			}
			return f
		}
	}
	return nil
}

// F returns a field's checked value, or nil.
func (r record) F(name string) any {
	if r.field(name) == nil {
		return nil
	}
	return r.values[name]
}

// S returns a field's value as text ("" when unset).
func (r record) S(name string) string {
	switch v := r.F(name).(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return schema.FormatDate(v)
	default:
		return fmt.Sprint(v)
	}
}

// Time returns a date field, or the zero time.
func (r record) Time(name string) time.Time {
	t, _ := r.F(name).(time.Time)
	return t
}

// List returns a list field's items as text.
func (r record) List(name string) []string {
	l, _ := r.F(name).([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok { // as fmt.Sprint writes it, without its reflection
			out = append(out, s)
			continue
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// Ref returns the published entry a single ref or topic field points at
// (the first of a list that Refs would return).
func (r record) Ref(name string) *Entry {
	f := r.field(name)
	if f == nil || f.Target() == "" {
		return nil
	}
	if s, ok := r.values[name].(string); ok { // one ref, without schema.Items's list of it
		return r.site.lookup(f.Target(), s)
	}
	for _, v := range schema.Items(r.values[name]) {
		if s, ok := v.(string); ok {
			if e := r.site.lookup(f.Target(), s); e != nil {
				return e
			}
		}
	}
	return nil
}

// Refs returns the published entries a ref or topic field (or a list of
// them) points at, in the order written.
func (r record) Refs(name string) []*Entry {
	n := len(schema.Items(r.values[name]))
	if n == 0 {
		return nil
	}
	out := make([]*Entry, 0, n)
	for e := range r.eachRef(name) {
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// eachRef yields what Refs returns, for a caller that needs no slice of
// them (the search document of every entry).
func (r record) eachRef(name string) iter.Seq[*Entry] {
	return func(yield func(*Entry) bool) {
		f := r.field(name)
		if f == nil || f.Target() == "" {
			return
		}
		for _, v := range schema.Items(r.values[name]) {
			if s, ok := v.(string); ok {
				if e := r.site.lookup(f.Target(), s); e != nil && !yield(e) {
					return
				}
			}
		}
	}
}

// Objects returns the tables of a list-of-objects field (or an object field).
func (r record) Objects(name string) []Object {
	f := r.field(name)
	if f == nil || f.Elem().Kind != schema.Object {
		return nil
	}
	var out []Object
	for i, v := range schema.Items(r.values[name]) {
		if m, ok := v.(map[string]any); ok {
			out = append(out, Object{record{f.Fields, m, r.site, r.entry}, i})
		}
	}
	return out
}

// Object is one table of a list of objects, such as one action item.
type Object struct {
	record
	Index int
}

// Entry is a published entry as templates see it. There is one per entry
// (see entryviews.go), made before rendering and only read after.
type Entry struct {
	record
	e     *load.Entry
	title string
	// titleHTML is the title escaped as templates print it, once for the
	// thousands of links to the entry (see setTitle).
	titleHTML string
	path      string
	lang      string
	// translation is the file of the entry's translation into the
	// page's language, whose values the record holds and whose body the
	// page shows (when it has one); nil for the original.
	translation *load.Entry
	// untranslated marks an entry shown in its own language on a page
	// of another, for want of a translation.
	untranslated bool
	// rank is the entry's place in its type's order, for lists that
	// gather entries from elsewhere (a facet) to show them in that order.
	rank int
	// subtitle is computed on first use: most entries are never listed.
	subtitle, subtitleHTML string
	subtitleOnce           sync.Once
	// published is what the entry publishes of its folder, made on
	// first use (see files).
	published *entryFiles
	filesOnce sync.Once
}

func (v *Entry) setTitle(t string) { v.title, v.titleHTML = t, htmlEscaped(t) }

func (v *Entry) setSubtitle(s string) { v.subtitle, v.subtitleHTML = s, htmlEscaped(s) }

// writeTitle writes the title as templates print it: {{.Title}} in
// compiled templates (see Writers).
func (v *Entry) writeTitle(w *bytes.Buffer) { w.WriteString(v.titleHTML) }

func (v *Entry) Title() string       { return v.title }
func (v *Entry) Slug() string        { return v.e.Slug }
func (v *Entry) Type() *schema.Type  { return v.e.Type }
func (v *Entry) File() string        { return v.file().File }
func (v *Entry) Path() string        { return v.path }
func (v *Entry) Draft() bool         { return v.e.Draft() }
func (v *Entry) Source() *load.Entry { return v.e }

// file is the file the page shows: the translation's, or the original.
func (v *Entry) file() *load.Entry {
	if v.translation != nil {
		return v.translation
	}
	return v.e
}

// title is the entry's title, or its slug when the title field is
// private: a schema may say so, and a title goes everywhere.
func title(r record, e *load.Entry) string {
	if r.field(e.Type.TitleField) == nil {
		return e.Slug
	}
	if s, ok := r.values[e.Type.TitleField].(string); ok && s != "" {
		return s // a translation's, or e.Title()
	}
	return e.Slug
}

// Lang is the entry's own language when it differs from the page's, for
// a lang attribute on its content: the language it names, else, on the
// pages of another language than the default, the default one.
func (v *Entry) Lang() string { return v.lang }

func (r record) differentLang() string {
	s := r.S("language")
	if s == "" && r.site.lang.Prefix != "" {
		s = r.site.defaultLang()
	}
	if s != "" && s != r.site.theme.Strings.Lang {
		return s
	}
	return ""
}

// Body renders the entry's Markdown body. The plain text it yields goes
// into the entry's search document, so each body is rendered once.
func (v *Entry) Body() (template.HTML, error) {
	html, text, err := v.site.body(v)
	if err == nil {
		v.site.keepDocument(v, html, text.String())
	}
	// keepDocument indexed or compacted the document at once; the page
	// shows the HTML, not the text.
	text.giveBack()
	// The Markdown renderer escapes raw HTML and drops unsafe URLs, so its
	// output is trusted here and nowhere else. It is handed over (see
	// Options.Markdown): a page takes it as it is, not copied.
	h := v.site.labelTaskBoxes(html)
	return template.HTML(unsafe.String(unsafe.SliceData(h), len(h))), err
}

// labelTaskBoxes names the checkboxes of Markdown task lists ("- [x] …"),
// which goldmark writes bare: an unlabelled form control to a screen
// reader (axe: label). The name is the theme's "Done", so a box reads as
// "Done, checked" or "Done, not checked". Only what the page shows changes;
// the search document keeps the renderer's output.
func (s *Site) labelTaskBoxes(h []byte) []byte {
	if !bytes.Contains(h, taskBox) {
		return h
	}
	label := []byte(`disabled="" type="checkbox" aria-label="` + template.HTMLEscapeString(s.theme.Strings.T("status_done")) + `">`)
	return bytes.ReplaceAll(h, taskBox, label)
}

// taskBox ends goldmark's task-list checkbox, checked or not:
// <input checked="" disabled="" type="checkbox"> or <input disabled="" type="checkbox">.
var taskBox = []byte(`disabled="" type="checkbox">`)

// From returns published entries of a type whose field points at this
// one; nothing when the field is private (see privatePath).
func (v *Entry) From(typeName, field string) []*Entry {
	if t := v.site.in.Schema.Type(typeName); t == nil || privatePath(t, field) {
		return nil
	}
	return v.site.views(v.site.graph.From(v.e, typeName, field))
}

// Fields lists every published field that has a value, for generic pages.
func (v *Entry) Fields() []FieldView { return v.FieldsExcept() }

// FieldsExcept lists the published fields that have a value, in schema
// order, but for those named: the ones a template lays out itself. A
// field a community adds to the schema is named by no template, so it is
// shown with its label instead of being dropped.
func (r record) FieldsExcept(placed ...string) []FieldView { return fieldViews(r, placed) }

// Backlinks groups the entries that point at this one by type and field.
func (v *Entry) Backlinks() []BacklinkGroup { return v.site.backlinks(v.e, nil) }

// entryPath is an entry's page path from the site root: "members/ana/".
func entryPath(e *load.Entry) string { return e.Type.PagePath(e.Slug) }

// FieldView is one field with its value(s), for generic display.
type FieldView struct {
	Name, Label, Description string
	Kind                     schema.Kind
	Values                   []Value
	Objects                  [][]FieldView
}

// Multiline reports whether the field holds longer text, whose line
// breaks the page keeps.
func (f FieldView) Multiline() bool { return f.Kind == schema.Text }

// Value is one displayable value: text, and a link target when it has one.
type Value struct {
	Text string
	Href string // a site path, or an absolute http(s)/mailto URL
	Date time.Time
	// Image and File are an image or file field's value, as published.
	Image *Image
	File  *Attachment
}

func fieldViews(r record, placed []string) []FieldView {
	var out []FieldView
	for _, f := range r.fields {
		if f.Private || f.Builtin || slices.Contains(placed, f.Name) {
			continue
		}
		v, ok := r.values[f.Name]
		if !ok {
			continue
		}
		fv := FieldView{Name: f.Name, Label: f.Label, Description: f.Description, Kind: f.Elem().Kind}
		if f.Elem().Kind == schema.Object {
			for _, o := range r.Objects(f.Name) {
				fv.Objects = append(fv.Objects, fieldViews(o.record, nil))
			}
		} else {
			for _, item := range schema.Items(v) {
				if val, ok := r.value(f, item); ok {
					fv.Values = append(fv.Values, val)
				}
			}
		}
		if len(fv.Values) == 0 && len(fv.Objects) == 0 {
			continue // an image or file that is not published
		}
		out = append(out, fv)
	}
	return out
}

// value is one value of field f for display; false for an image or file
// that is not published.
func (r record) value(f *schema.Field, v any) (Value, bool) {
	switch x := v.(type) {
	case time.Time:
		return Value{Date: x}, true
	case bool:
		if x {
			return Value{Text: r.site.theme.Strings.T("yes")}, true
		}
		return Value{Text: r.site.theme.Strings.T("no")}, true
	case float64:
		return Value{Text: strconv.FormatFloat(x, 'f', -1, 64)}, true
	case string:
		switch f.Elem().Kind {
		case schema.URL:
			return Value{Text: x, Href: x}, true
		case schema.Email:
			return Value{Text: x, Href: "mailto:" + x}, true
		case schema.Ref, schema.Topic:
			if e := r.site.lookup(f.Target(), x); e != nil {
				return Value{Text: e.Title(), Href: e.Path()}, true
			}
		}
		return Value{Text: x}, true
	case schema.FileRef:
		if r.entry == nil {
			return Value{}, false
		}
		if f.Elem().Kind == schema.Image {
			img := r.entry.image(x.Src, x.Alt)
			return Value{Image: img}, img != nil
		}
		a := r.entry.attachment(x.Src, x.Title)
		return Value{File: a}, a != nil
	}
	return Value{Text: fmt.Sprint(v)}, true
}
