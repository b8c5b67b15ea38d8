// Package schema reads the schema language of schema/*.toml: one file per
// content type, each field with its kind and checks. The generator is
// driven by these files, so a community adds a type or a field without
// touching Go code.
package schema

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Kind is what a field holds.
type Kind string

const (
	String Kind = "string" // one line of text
	Text   Kind = "text"   // longer text, Markdown
	Int    Kind = "int"
	Float  Kind = "float"
	Bool   Kind = "bool"
	Date   Kind = "date" // a TOML local date, or a quoted "YYYY-MM-DD"
	URL    Kind = "url"  // http or https
	Email  Kind = "email"
	Enum   Kind = "enum"
	Topic  Kind = "topic" // a slug or alias of an entry of the type named "topic"
	Ref    Kind = "ref"   // the slug of an entry of the type named by Field.Ref
	List   Kind = "list"
	Object Kind = "object"
	Image  Kind = "image" // { src = "photo.jpg", alt = "…" }: an image of the entry's folder
	File   Kind = "file"  // { src = "report.pdf", title = "…" }: a file of the entry's folder
)

// NamesFile reports whether a value of the kind names a file of the
// entry's folder (a FileRef): an image or a file.
func (k Kind) NamesFile() bool { return k == Image || k == File }

// Kinds lists every kind in the order the docs present them.
var Kinds = []Kind{String, Text, Int, Float, Bool, Date, URL, Email, Enum, Topic, Ref, List, Object, Image, File}

// TopicType is the type that topic fields point at.
const TopicType = "topic"

// Field is one declared field of a type, or of an object inside it.
type Field struct {
	Name        string
	Kind        Kind
	Of          Kind   // element kind of a list
	Ref         string // target type of a ref, or of a list of refs
	Values      []string
	Required    bool
	Default     any
	Min, Max    *Bound
	Pattern     *regexp.Regexp
	Unique      bool
	Private     bool
	Description string
	Label       string
	Fields      []*Field // of an object, or of each object of a list
	// Acyclic forbids cycles through this ref field (module prerequisites).
	Acyclic bool
	// NotBefore names a sibling date field this date may not precede.
	NotBefore string
	// Above is an exclusive lower bound of a number: a maximum score
	// must be above 0, where min = 0 would let 0 through.
	Above *Bound
	// AtMost names a sibling number field this number may not exceed
	// (a score and its scale's maximum).
	AtMost string
	// OverdueIf: a date in the past is a warning while each named sibling
	// field holds one of the listed values (an action still open).
	OverdueIf map[string][]string
	// Translatable fields are those a translation restates in its
	// language (see the schema key translatable).
	Translatable bool
	// Builtin marks the fields every type accepts (draft, updated).
	Builtin bool
	Decl    Decl

	elem *Field
	// valueDecls places the values of "ref", "acyclic", "not_before", "at_most" and
	// "overdue_if.FIELD" (and the key FIELD at "overdue_if.FIELD.key"),
	// for errors found once every type is read.
	valueDecls map[string]Decl
}

// declOf is where the value of the field key name is declared, or the
// field itself when the key is not set.
func (f *Field) declOf(name string) Decl {
	if d, ok := f.valueDecls[name]; ok {
		return d
	}
	return f.Decl
}

// Decl is where a field or type is declared, for errors about the schema.
type Decl struct {
	File      string
	Line, Col int
}

// Bound is a min or max: a number (or a count, for lists and strings) or a date.
type Bound struct {
	Num  float64
	Date time.Time
}

// Elem describes one element of a list field; for other kinds it is the field itself.
func (f *Field) Elem() *Field {
	if f.Kind != List {
		return f
	}
	return f.elem
}

// Target is the type name a ref or topic field (or list of them) points at.
func (f *Field) Target() string {
	switch f.Elem().Kind {
	case Topic:
		return TopicType
	case Ref:
		return f.Elem().Ref
	}
	return ""
}

// Lookup returns the nested field of an object field by name.
func (f *Field) Lookup(name string) *Field {
	return lookup(f.Elem().Fields, name)
}

func lookup(fields []*Field, name string) *Field {
	i := slices.IndexFunc(fields, func(f *Field) bool { return f.Name == name })
	if i < 0 {
		return nil
	}
	return fields[i]
}

// Type is one content type: a folder of entries and their fields.
type Type struct {
	Name        string
	Folder      string
	TitleField  string
	Description string
	Label       string
	// Path is the URL pattern of an entry, with ":slug"; "/FOLDER/:slug/" by default.
	Path string
	// Sort names the field list pages sort by; a leading "-" sorts descending.
	Sort string
	// Aliases names a list field whose values other entries may use in
	// place of the slug (a topic's other names).
	Aliases string
	Fields  []*Field
	Decl    Decl
	// OwnLabel is set when a community's file gives the type a label
	// other than the default file's: the site then calls the type so,
	// in every language, where it would use the theme's name for it.
	OwnLabel bool

	folderDecl Decl // where the folder is set (or the name it defaults to)
}

// Lookup returns the field of the type by name.
func (t *Type) Lookup(name string) *Field { return lookup(t.Fields, name) }

// FieldNames lists the type's field names in declaration order.
func (t *Type) FieldNames() []string { return names(t.Fields) }

// PagePath is the page folder of the entry with this slug, from the site
// root: the type's path with the slug in place of :slug ("members/ana/").
func (t *Type) PagePath(slug string) string {
	return strings.Replace(t.Path, ":slug", slug, 1)[1:]
}

func names(fields []*Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// Schema is every type in force, sorted by name.
type Schema struct {
	Types    []*Type
	byName   map[string]*Type
	byFolder map[string]*Type
	// unread names the files (without .toml) that are not TOML: refs to
	// the types they would define are not reported again.
	unread []string
}

// Type returns the type of the given name, or nil.
func (s *Schema) Type(name string) *Type { return s.byName[name] }

// ByFolder returns the type whose entries sit in content/folder, or nil.
func (s *Schema) ByFolder(folder string) *Type { return s.byFolder[folder] }

// Folders lists every type's folder, sorted.
func (s *Schema) Folders() []string {
	out := make([]string, 0, len(s.Types))
	for _, t := range s.Types {
		out = append(out, t.Folder)
	}
	slices.Sort(out)
	return out
}

// Items returns a field's checked value as a list: a list as it is, a
// single value as a list of one, nothing as nothing.
func Items(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}
