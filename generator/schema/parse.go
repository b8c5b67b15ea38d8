package schema

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/tomlpos"
)

// typeKeys and fieldKeys are every key a schema file may use, with what
// each means; `agora schema docs` prints these descriptions.
var typeKeys = map[string]string{
	"name":        "the type's name, used by ref fields (`ref = \"NAME\"`); must match the file name",
	"folder":      "the folder under content/ that holds the entries; also the URL of the list page (default: the name)",
	"title":       "the field shown as each entry's title and link text",
	"description": "what the type is for, shown in the docs and on its list page",
	"label":       "the heading of the list page (default: the folder, capitalized)",
	"path":        "URL pattern of an entry page, with :slug (default \"/FOLDER/:slug/\")",
	"sort":        "the field list pages sort by; a leading - sorts newest or largest first (default: title)",
	"aliases":     "a list-of-string field whose values other entries may use in place of the slug (matched ignoring case)",
	"fields":      "the fields, one table each: [fields.NAME]",
}

var fieldKeys = map[string]string{
	"type":         "the kind of value: " + kindList(),
	"of":           "the kind of each element of a list",
	"ref":          "the type a ref (or a list of refs) points at",
	"values":       "the allowed values of an enum (or a list of enums)",
	"required":     "the entry must set this field",
	"default":      "the value used when the entry leaves the field out",
	"min":          "the smallest number or earliest date; for text and lists, the fewest characters or items",
	"max":          "the largest number or latest date; for text and lists, the most characters or items",
	"pattern":      "a regular expression (RE2) the whole text must match",
	"unique":       "no two entries may share the value (for a list: share any element)",
	"private":      "checked like any field but never published in any output",
	"description":  "what the field means: the label on the site, the comment in `agora new`, the hint in errors",
	"label":        "a short label for the site (default: the field name)",
	"fields":       "the fields of an object, or of each object of a list of objects",
	"acyclic":      "for refs to the type itself: following them may never lead back to the entry (prerequisites)",
	"not_before":   "for dates: the name of a date field of the same table this date may not precede",
	"at_most":      "for numbers: the name of a number field of the same table this number may not exceed (a score and the maximum of its scale)",
	"above":        "for numbers: the value must be greater than this (min allows the value itself; above = 0 refuses 0)",
	"overdue_if":   "for dates: a table {FIELD = [VALUES]}; a past date is warned about while the sibling FIELD holds one of VALUES",
	"translatable": "whether a translation (SLUG.LANG.md) restates the field in its language: true by default for string and text fields and lists of them, and for objects holding such fields; false keeps a value such as a name or a phone number as the original has it",
}

func kindList() string {
	s := make([]string, len(Kinds))
	for i, k := range Kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// parser reads one schema file and reports its mistakes at file:line:col.
type parser struct {
	file  string
	ix    *tomlpos.Index
	order map[string][]string // table path -> keys in document order
	diags diag.List
}

// Parse reads the schema file named file (e.g. "schema/event.toml").
func Parse(file string, src []byte) (*Type, diag.List) {
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // as the decoder does, so that positions agree
	var raw map[string]any
	md, err := toml.Decode(string(src), &raw)
	if err != nil {
		return nil, diag.List{SyntaxError(file, src, 0, err)}
	}
	p := &parser{file: file, ix: tomlpos.New(src, &md, 0), order: keyOrder(md)}
	t := p.parseType(raw, strings.TrimSuffix(path.Base(file), ".toml"))
	return t, p.diags
}

// SyntaxError turns a TOML decoding error into a diagnostic at its
// position; src starts at line lineBase+1 of file.
func SyntaxError(file string, src []byte, lineBase int, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Line: lineBase + 1, Col: 1, Code: "toml-syntax",
		Hint: "see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line"}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		pos := tomlpos.OffsetPos(src, pe.Position.Start, lineBase)
		d.Line, d.Col = pos.Line, pos.Col
		d.Message = "malformed TOML: " + pe.Message
		if pe.Usage != "" {
			d.Hint = strings.TrimSpace(pe.Usage)
		}
		if strings.Contains(pe.Message, "invalid datetime") {
			d.Code, d.Message = "bad-date", "not a valid date: "+strings.TrimPrefix(pe.Message, "invalid datetime: ")
			d.Hint = "check the day and the month: dates are written year-month-day, like 2022-06-07"
		}
		return d
	}
	d.Message = "malformed TOML: " + strings.TrimPrefix(err.Error(), "toml: ")
	return d
}

func keyOrder(md toml.MetaData) map[string][]string {
	order := map[string][]string{}
	for _, k := range md.Keys() {
		// every part: a dotted key (fields.title.type = …) or a header
		// ([fields.title]) defines its parent tables without listing them
		for i := range k {
			parent := strings.Join(k[:i], ".")
			if !slices.Contains(order[parent], k[i]) {
				order[parent] = append(order[parent], k[i])
			}
		}
	}
	return order
}

func (p *parser) errorf(key, code, found, allowed, hint, format string, args ...any) {
	pos := p.ix.Key(key)
	p.diags = append(p.diags, diag.Diagnostic{File: p.file, Line: pos.Line, Col: pos.Col, Code: code,
		Message: fmt.Sprintf(format, args...), Found: found, Allowed: allowed, Hint: hint})
}

// errorfValue is errorf with the position on the key's value.
func (p *parser) errorfValue(key, code, found, allowed, hint, format string, args ...any) {
	pos := p.ix.Value(key)
	p.diags = append(p.diags, diag.Diagnostic{File: p.file, Line: pos.Line, Col: pos.Col, Code: code,
		Message: fmt.Sprintf(format, args...), Found: found, Allowed: allowed, Hint: hint})
}

func (p *parser) decl(key string) Decl {
	pos := p.ix.Key(key)
	return Decl{p.file, pos.Line, pos.Col}
}

func (p *parser) unknownKeys(table string, raw map[string]any, known map[string]string, what string) {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range p.order[table] {
		if _, ok := known[k]; !ok {
			if _, present := raw[k]; present {
				p.errorf(join(table, k), "schema-unknown-key", strconv.Quote(k), strings.Join(names, ", "),
					diag.DidYouMean(k, names), "unknown key %q in %s", k, what)
			}
		}
	}
}

func (p *parser) str(raw map[string]any, table, key string) string {
	v, ok := raw[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.errorf(join(table, key), "schema-wrong-type", TOMLKind(v), "text in quotes", "", "%s must be text", key)
	}
	return s
}

func (p *parser) boolean(raw map[string]any, table, key string) bool {
	v, ok := raw[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		p.errorf(join(table, key), "schema-wrong-type", TOMLKind(v), "true or false", "", "%s must be true or false", key)
	}
	return b
}

func join(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

func (p *parser) parseType(raw map[string]any, base string) *Type {
	p.unknownKeys("", raw, typeKeys, "a schema file")
	t := &Type{
		Name:        p.str(raw, "", "name"),
		Folder:      p.str(raw, "", "folder"),
		TitleField:  p.str(raw, "", "title"),
		Description: p.str(raw, "", "description"),
		Label:       p.str(raw, "", "label"),
		Path:        p.str(raw, "", "path"),
		Sort:        p.str(raw, "", "sort"),
		Aliases:     p.str(raw, "", "aliases"),
		Decl:        Decl{p.file, 1, 1},
	}
	t.folderDecl = t.Decl
	for _, k := range []string{"folder", "name"} { // the folder defaults to the name
		if _, ok := raw[k]; ok {
			pos := p.ix.Value(k)
			t.folderDecl = Decl{p.file, pos.Line, pos.Col}
			break
		}
	}
	if t.Name == "" {
		t.Name = base
	}
	if t.Name != base {
		p.errorf("name", "schema-name", strconv.Quote(t.Name), strconv.Quote(base), "rename the file to "+t.Name+".toml, or set name = \""+base+"\"",
			"the type's name must match its file name")
		t.Name = base // as the other files know it, so their refs are not reported too
	} else if !namePattern.MatchString(t.Name) {
		p.errorf("name", "schema-name", strconv.Quote(t.Name), "lowercase letters, digits, - and _, starting with a letter", "", "invalid type name")
	}
	if t.Folder == "" {
		t.Folder = t.Name
	} else if !SlugPattern.MatchString(t.Folder) || Reserved(t.Folder) {
		p.errorf("folder", "schema-folder", strconv.Quote(t.Folder), "lowercase letters, digits and -, not a Windows device name (con, aux, nul…)", "", "invalid folder name")
	}
	if t.Label == "" {
		t.Label = strings.ToUpper(t.Folder[:1]) + t.Folder[1:]
	}
	if t.Path == "" {
		t.Path = "/" + t.Folder + "/:slug/"
	} else if !strings.HasPrefix(t.Path, "/") || !strings.HasSuffix(t.Path, "/") || strings.Count(t.Path, ":slug") != 1 {
		p.errorf("path", "schema-path", strconv.Quote(t.Path), `a pattern like "/events/:slug/"`, "", "path must start and end with / and hold :slug once")
	} else if !validPathParts(t.Path) {
		p.errorf("path", "schema-path", strconv.Quote(t.Path), `a pattern like "/events/:slug/"`, "",
			"each part of path must be lowercase letters, digits and -, and not a Windows device name: no . or .. parts")
	}
	t.Fields = p.fieldTable(raw["fields"], "fields")
	t.Fields = append(t.Fields, builtins(t)...)
	p.checkTypeFields(t)
	return t
}

// builtins are the fields every type accepts unless it declares them itself.
func builtins(t *Type) []*Field {
	var out []*Field
	if t.Lookup("draft") == nil {
		out = append(out, &Field{Name: "draft", Kind: Bool, Builtin: true, Label: "Draft",
			Description: "true leaves the entry out of the site unless built with --drafts"})
	}
	if t.Lookup("updated") == nil {
		out = append(out, &Field{Name: "updated", Kind: Date, Builtin: true, Label: "Updated",
			Description: "when the entry was last revised"})
	}
	if t.Lookup("language") == nil {
		out = append(out, &Field{Name: "language", Kind: String, Builtin: true, Label: "Language", Pattern: languagePattern,
			Description: "the language the entry is written in, as a BCP 47 tag (es, mn, km), when it is not the site's"})
	}
	return out
}

// languagePattern is the form of a language tag: BCP 47, as site.toml's
// language and languages.
var languagePattern = regexp.MustCompile(`^(?:[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$`)

func (p *parser) checkTypeFields(t *Type) {
	if t.TitleField == "" {
		for _, name := range []string{"title", "name"} {
			if t.Lookup(name) != nil {
				t.TitleField = name
				break
			}
		}
		if t.TitleField == "" {
			p.errorf("", "schema-title", "", "the name of a text field", `add title = "FIELD"`, "the type %q does not say which field is its title", t.Name)
		}
	} else if f := t.Lookup(t.TitleField); f == nil || (f.Kind != String && f.Kind != Text) {
		var text []string // the fields title may name
		for _, f := range t.Fields {
			if f.Kind == String || f.Kind == Text {
				text = append(text, f.Name)
			}
		}
		p.errorf("title", "schema-title", strconv.Quote(t.TitleField), quoteNames(t.Fields, String), diag.DidYouMean(t.TitleField, text), "title must name a text field of the type")
	}
	if s := strings.TrimPrefix(t.Sort, "-"); s != "" && t.Lookup(s) == nil {
		p.errorf("sort", "schema-sort", strconv.Quote(t.Sort), strings.Join(t.FieldNames(), ", "), diag.DidYouMean(s, t.FieldNames()), "sort names an unknown field")
	}
	if t.Aliases != "" {
		if f := t.Lookup(t.Aliases); f == nil || f.Kind != List || (f.Of != String && f.Of != Text) {
			p.errorf("aliases", "schema-aliases", strconv.Quote(t.Aliases), quoteNames(t.Fields, List), "", "aliases must name a list of strings of the type")
		}
	}
}

func quoteNames(fields []*Field, k Kind) string {
	var out []string
	for _, f := range fields {
		if f.Kind == k {
			out = append(out, strconv.Quote(f.Name))
		}
	}
	return strings.Join(out, ", ")
}

// validPathParts reports whether every part of a type's path pattern
// ("/learning/events/:slug/") can be an output folder: a slug-like name,
// so never "." or "..", and no device name.
func validPathParts(pattern string) bool {
	for _, part := range strings.Split(strings.Trim(pattern, "/"), "/") {
		if part == ":slug" {
			continue
		}
		name := strings.Replace(part, ":slug", "x", 1)
		if !SlugPattern.MatchString(name) || Reserved(name) {
			return false
		}
	}
	return true
}
