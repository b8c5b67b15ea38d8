package schema

import (
	"cmp"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
)

// ReservedFolders are URL paths the site itself uses; no type may take them.
var ReservedFolders = []string{"search", "actions", "impact", "assets", "404.html", "sitemap.xml", "feed.xml", "calendar.ics"}

// Load reads every *.toml of the default schema and then of the
// community's own schema folder (nil when it has none); a community file
// replaces the default file of the same name.
func Load(defaults, own fs.FS) (*Schema, diag.List) {
	files := map[string]string{} // base name -> display path
	sources := map[string][]byte{}
	replaced := map[string][]byte{} // base name -> the default file a community's replaces
	layers := map[string]int{}      // base name -> 0 for a default file, 1 for the community's
	var diags diag.List
	for i, layer := range []struct {
		fsys   fs.FS
		prefix string
	}{{defaults, "schema/"}, {own, "schema/"}} {
		if layer.fsys == nil {
			continue
		}
		names, err := fs.Glob(layer.fsys, "*.toml")
		if err != nil {
			continue
		}
		for _, name := range names {
			b, err := fs.ReadFile(layer.fsys, name)
			if err != nil {
				diags = append(diags, diag.Diagnostic{File: layer.prefix + name, Code: "read", Message: err.Error()})
				continue
			}
			if i == 1 && layers[name] == 0 && sources[name] != nil {
				replaced[name] = sources[name]
			}
			files[name] = layer.prefix + name
			sources[name] = b
			layers[name] = i
		}
	}
	s := &Schema{byName: map[string]*Type{}, byFolder: map[string]*Type{}}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	// Default files first, so that a clash of folders is reported in the
	// community's file, not in a default one it never wrote.
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(layers[a], layers[b]), cmp.Compare(a, b)) })
	for _, name := range names {
		t, d := Parse(files[name], sources[name])
		diags = append(diags, d...)
		if t != nil && layers[name] == 1 {
			t.OwnLabel = ownLabel(t, replaced[name])
		}
		if t != nil {
			s.add(t, &diags)
		} else {
			s.unread = append(s.unread, strings.TrimSuffix(name, ".toml"))
		}
	}
	slices.SortFunc(s.Types, func(a, b *Type) int { return cmp.Compare(a.Name, b.Name) })
	diags = append(diags, s.crossCheck()...)
	return s, diags
}

// add puts t in force. A type whose folder is taken or reserved is
// reported and left out, but its name still resolves, so that refs to it
// are not reported again.
func (s *Schema) add(t *Type, diags *diag.List) {
	at := t.folderDecl
	if other := s.byFolder[t.Folder]; other != nil {
		*diags = append(*diags, diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Code: "schema-folder",
			Message: "two types use the folder " + strconv.Quote(t.Folder), Found: other.Decl.File + " and " + t.Decl.File,
			Allowed: "one type per folder", Hint: "give one of them another folder"})
		if s.byName[t.Name] == nil {
			s.byName[t.Name] = t
		}
		return
	}
	if slices.Contains(ReservedFolders, t.Folder) {
		*diags = append(*diags, diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Code: "schema-folder",
			Message: "the folder " + strconv.Quote(t.Folder) + " is reserved for the site", Found: t.Folder,
			Allowed: "any other name than " + strings.Join(ReservedFolders, ", ")})
		if s.byName[t.Name] == nil {
			s.byName[t.Name] = t
		}
		return
	}
	s.Types = append(s.Types, t)
	s.byName[t.Name] = t
	s.byFolder[t.Folder] = t
}

// crossCheck checks what one file cannot check alone: that refs point at
// types that exist and that sibling fields named by date rules exist.
func (s *Schema) crossCheck() diag.List {
	var diags diag.List
	for _, t := range s.Types {
		walkFields(t.Fields, func(f *Field, siblings []*Field) {
			report := func(at, code, msg, found, allowed, hint string) {
				d := f.declOf(at)
				diags = append(diags, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col,
					Code: code, Message: msg, Found: found, Allowed: allowed, Hint: hint})
			}
			target := f.Target()
			if target != "" && s.byName[target] == nil && !slices.Contains(s.unread, target) {
				all := s.names()
				if f.Elem().Kind == Topic {
					report("", "schema-ref", "topic fields need a type named \"topic\"", "", strings.Join(all, ", "), "add schema/topic.toml")
				} else {
					report("ref", "schema-ref", "ref points at an unknown type "+strconv.Quote(target), strconv.Quote(target), strings.Join(all, ", "), diag.DidYouMean(target, all))
				}
			}
			if f.Acyclic && target != t.Name {
				report("acyclic", "schema-acyclic", "acyclic applies to refs to the type itself", strconv.Quote(target), strconv.Quote(t.Name), "")
			}
			if f.NotBefore != "" {
				if sib := lookup(siblings, f.NotBefore); sib == nil || sib.Kind != Date {
					report("not_before", "schema-not-before", "not_before must name a date field beside this one", strconv.Quote(f.NotBefore), quoteNames(siblings, Date), diag.DidYouMean(f.NotBefore, dateNames(siblings, f)))
				}
			}
			if f.AtMost != "" {
				if sib := lookup(siblings, f.AtMost); sib == nil || (sib.Kind != Int && sib.Kind != Float) || sib == f {
					report("at_most", "schema-at-most", "at_most must name a number field beside this one", strconv.Quote(f.AtMost), quoteNumbers(siblings, f), diag.DidYouMean(f.AtMost, numberNames(siblings, f)))
				}
			}
			for field, values := range f.OverdueIf {
				sib := lookup(siblings, field)
				if sib == nil || sib.Kind != Enum {
					report("overdue_if."+field+".key", "schema-overdue-if", "overdue_if must name an enum field beside this one", strconv.Quote(field), quoteNames(siblings, Enum), "")
					continue
				}
				for _, v := range values {
					if !slices.Contains(sib.Values, v) {
						report("overdue_if."+field, "schema-overdue-if", "overdue_if names a value the field does not allow", strconv.Quote(v), quoteList(sib.Values), diag.DidYouMean(v, sib.Values))
					}
				}
			}
		})
	}
	return diags
}

func (s *Schema) names() []string {
	out := make([]string, len(s.Types))
	for i, t := range s.Types {
		out[i] = t.Name
	}
	return out
}

// walkFields calls fn for every field, nested ones included, with the
// fields of the same table.
func walkFields(fields []*Field, fn func(f *Field, siblings []*Field)) {
	for _, f := range fields {
		fn(f, fields)
		if len(f.Fields) > 0 {
			walkFields(f.Fields, fn)
		}
	}
}

// Sub returns the folder dir of fsys, or nil when it does not exist.
func Sub(fsys fs.FS, dir string) fs.FS {
	if fi, err := fs.Stat(fsys, dir); err != nil || !fi.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

// dateNames lists the date fields among siblings, but f.
func dateNames(siblings []*Field, f *Field) []string {
	var out []string
	for _, s := range siblings {
		if s.Kind == Date && s != f {
			out = append(out, s.Name)
		}
	}
	return out
}

// numberNames lists the number fields among siblings, but f.
func numberNames(siblings []*Field, f *Field) []string {
	var out []string
	for _, s := range siblings {
		if (s.Kind == Int || s.Kind == Float) && s != f {
			out = append(out, s.Name)
		}
	}
	return out
}

// quoteNumbers lists the number fields among siblings, but f, quoted.
func quoteNumbers(siblings []*Field, f *Field) string {
	names := numberNames(siblings, f)
	for i, n := range names {
		names[i] = strconv.Quote(n)
	}
	return strings.Join(names, ", ")
}

// ownLabel reports whether a community's type is labelled otherwise than
// the default file it replaces (nil for a type of its own: its label is
// its own too).
func ownLabel(t *Type, replaced []byte) bool {
	if replaced == nil {
		return true
	}
	def, _ := Parse(t.Name+".toml", replaced)
	return def == nil || def.Label != t.Label
}
