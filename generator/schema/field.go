package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
)

// SlugPattern is the form of slugs and folder names.
var SlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Reserved reports whether s is a Windows device name (con, prn, aux,
// nul, com0–com9, lpt0–lpt9, in any case): a Windows checkout cannot hold
// a file or folder of that name, whatever its extension.
func Reserved(s string) bool {
	switch s = strings.ToLower(s); {
	case s == "con" || s == "prn" || s == "aux" || s == "nul":
		return true
	case len(s) == 4 && (s[:3] == "com" || s[:3] == "lpt") && s[3] >= '0' && s[3] <= '9':
		return true
	}
	return false
}

// fieldTable reads [fields.*] (or the fields of an object) in file order.
func (p *parser) fieldTable(v any, table string) []*Field {
	if v == nil {
		return nil
	}
	raw, ok := v.(map[string]any)
	if !ok {
		p.errorf(table, "schema-wrong-type", TOMLKind(v), "a table of fields: [fields.NAME]", "", "fields must be a table")
		return nil
	}
	var out []*Field
	for _, name := range p.order[table] {
		fv, present := raw[name]
		if !present {
			continue
		}
		key := join(table, name)
		fraw, ok := fv.(map[string]any)
		if !ok {
			p.errorf(key, "schema-wrong-type", TOMLKind(fv), "a table: ["+key+"]", "", "field %q must be a table of field keys", name)
			continue
		}
		if !namePattern.MatchString(name) {
			p.errorf(key, "schema-field-name", strconv.Quote(name), "lowercase letters, digits, - and _, starting with a letter", "", "invalid field name")
		}
		out = append(out, p.parseField(name, key, fraw))
	}
	return out
}

func (p *parser) parseField(name, key string, raw map[string]any) *Field {
	p.unknownKeys(key, raw, fieldKeys, "a field")
	f := &Field{
		Name:        name,
		Kind:        Kind(p.str(raw, key, "type")),
		Of:          Kind(p.str(raw, key, "of")),
		Ref:         p.str(raw, key, "ref"),
		Required:    p.boolean(raw, key, "required"),
		Unique:      p.boolean(raw, key, "unique"),
		Private:     p.boolean(raw, key, "private"),
		Acyclic:     p.boolean(raw, key, "acyclic"),
		Description: p.str(raw, key, "description"),
		Label:       p.str(raw, key, "label"),
		NotBefore:   p.str(raw, key, "not_before"),
		AtMost:      p.str(raw, key, "at_most"),
		Decl:        p.decl(key),
	}
	if f.Label == "" {
		f.Label = strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "_", " ")
	}
	for _, k := range []string{"ref", "acyclic", "not_before", "at_most"} {
		if _, ok := raw[k]; ok {
			p.valueDecl(f, key, k)
		}
	}
	if table, ok := raw["overdue_if"].(map[string]any); ok {
		for field := range table {
			p.valueDecl(f, key, "overdue_if."+field)
			pos := p.ix.Key(join(key, "overdue_if."+field))
			f.valueDecls["overdue_if."+field+".key"] = Decl{p.file, pos.Line, pos.Col}
		}
	}
	f.elem = elemOf(f) // never nil, even when the kinds are wrong
	if !p.checkKinds(f, key, raw) {
		return f
	}
	f.Values = p.values(raw, key, f)
	f.elem = elemOf(f)
	if _, ok := raw["fields"]; ok || f.Elem().Kind == Object {
		if f.Elem().Kind != Object {
			p.errorf(join(key, "fields"), "schema-misplaced-key", "fields", "only with type = \"object\" or of = \"object\"", "", "fields is only for objects")
		}
		f.Fields = p.fieldTable(raw["fields"], join(key, "fields"))
		f.elem.Fields = f.Fields
		if len(f.Fields) == 0 {
			p.errorf(key, "schema-missing-key", "", "["+key+".fields.NAME] tables", "", "an object needs fields")
		}
	}
	p.pattern(raw, key, f)
	f.Min, f.Max = p.bound(raw, key, "min", f), p.bound(raw, key, "max", f)
	p.numberRules(raw, key, f)
	p.defaultValue(raw, key, f)
	p.dateRules(raw, key, f)
	p.translatable(raw, key, f)
	return f
}

// translatable sets whether translations restate the field: by default
// text (string and text, and lists of them) and objects that hold some.
// An image or a file (or a list of them) may be, when the schema says so:
// its alt text or title is translated, its file stays the original's.
func (p *parser) translatable(raw map[string]any, key string, f *Field) {
	text := f.Elem().Kind == String || f.Elem().Kind == Text || f.Elem().Kind == Object && slices.ContainsFunc(f.Fields, func(n *Field) bool { return n.Translatable })
	described := f.Elem().Kind.NamesFile()
	// A private value is published in no language: a translation may not
	// hold one.
	text = text && !f.Private
	f.Translatable = text
	if f.elem != f {
		f.elem.Translatable = text
	}
	if _, ok := raw["translatable"]; !ok {
		return
	}
	f.Translatable = p.boolean(raw, key, "translatable")
	switch {
	case f.Translatable && f.Private:
		p.errorfValue(join(key, "translatable"), "schema-misplaced-key", "translatable = true", "public fields", "remove translatable, or private",
			"a private field is published in no language, so it has no translation")
		f.Translatable = false
	case f.Translatable && !text && !described:
		what := "a " + string(f.Kind) + " field"
		if f.Elem().Kind == Object {
			what = "an object with no translatable field"
		}
		p.errorfValue(join(key, "translatable"), "schema-misplaced-key", "translatable = true",
			"string and text fields, images and files (their alt text and title), lists of them, and objects holding translatable fields", "remove translatable, or set it to false",
			"%s has nothing to translate", what)
		f.Translatable = false
	}
	if f.elem != f {
		f.elem.Translatable = f.Translatable
	}
}

// valueDecl remembers where the value of key stands, for the checks that
// only the whole schema can make (see Schema.crossCheck).
func (p *parser) valueDecl(f *Field, key, name string) {
	if f.valueDecls == nil {
		f.valueDecls = map[string]Decl{}
	}
	pos := p.ix.Value(join(key, name))
	f.valueDecls[name] = Decl{p.file, pos.Line, pos.Col}
}

// checkKinds checks type, of and ref together; false stops further checks.
func (p *parser) checkKinds(f *Field, key string, raw map[string]any) bool {
	kinds := kindList()
	if _, ok := raw["type"]; !ok {
		p.errorf(key, "schema-missing-key", "", kinds, `add type = "string" (or another kind)`, "field %q has no type", f.Name)
		return false
	}
	if !slices.Contains(Kinds, f.Kind) {
		p.errorfValue(join(key, "type"), "schema-unknown-type", strconv.Quote(string(f.Kind)), kinds, diag.DidYouMean(string(f.Kind), strings.Split(kinds, ", ")), "unknown field type %q", f.Kind)
		return false
	}
	if f.Kind == List {
		if f.Of == "" {
			p.errorf(key, "schema-missing-key", "", kinds, `add of = "string" (the kind of each element)`, "a list needs of")
			return false
		}
		if !slices.Contains(Kinds, f.Of) || f.Of == List {
			p.errorfValue(join(key, "of"), "schema-unknown-type", strconv.Quote(string(f.Of)), "any kind but list", diag.DidYouMean(string(f.Of), slices.DeleteFunc(strings.Split(kinds, ", "), func(k string) bool { return k == string(List) })), "unknown element type %q", f.Of)
			return false
		}
	} else if f.Of != "" {
		p.errorf(join(key, "of"), "schema-misplaced-key", "of", `only with type = "list"`, "", "of is only for lists")
	}
	elem := f.Kind
	if f.Kind == List {
		elem = f.Of
	}
	if elem == Ref && f.Ref == "" {
		p.errorf(key, "schema-missing-key", "", "the name of a type", `add ref = "member" (the type it points at)`, "a ref needs ref")
		return false
	}
	if elem != Ref && f.Ref != "" {
		p.errorf(join(key, "ref"), "schema-misplaced-key", "ref", `only with type = "ref" or of = "ref"`, "", "ref is only for refs")
	}
	return true
}

func elemOf(f *Field) *Field {
	if f.Kind != List {
		return f
	}
	e := *f
	e.Kind, e.Of, e.Min, e.Max, e.Default, e.Required = f.Of, "", nil, nil, nil, false
	return &e
}

func (p *parser) values(raw map[string]any, key string, f *Field) []string {
	v, ok := raw["values"]
	isEnum := f.Kind == Enum || f.Of == Enum
	if !ok {
		if isEnum {
			p.errorf(key, "schema-missing-key", "", "a list of strings", `add values = ["a", "b"]`, "an enum needs values")
		}
		return nil
	}
	if !isEnum {
		p.errorf(join(key, "values"), "schema-misplaced-key", "values", `only with type = "enum" or of = "enum"`, "", "values is only for enums")
	}
	list, _ := v.([]any)
	var out []string
	for i, x := range list {
		s, ok := x.(string)
		if !ok || s == "" || slices.Contains(out, s) {
			p.errorf(join(key, "values."+strconv.Itoa(i)), "schema-values", describe(x), "distinct, non-empty strings", "", "invalid enum value")
			continue
		}
		out = append(out, s)
	}
	if len(list) == 0 && v != nil {
		p.errorf(join(key, "values"), "schema-values", describe(v), "a non-empty list of strings", "", "values must list the allowed strings")
	}
	return out
}

func (p *parser) pattern(raw map[string]any, key string, f *Field) {
	s := p.str(raw, key, "pattern")
	if s == "" {
		return
	}
	switch f.Elem().Kind {
	case String, Text, URL, Email:
	default:
		p.errorf(join(key, "pattern"), "schema-misplaced-key", "pattern", "only for text fields", "", "pattern is only for text")
		return
	}
	// the pattern alone first: its error quotes what the file says, and
	// "a)(b" must not become valid once wrapped
	_, err := regexp.Compile(s)
	re, werr := regexp.Compile(`^(?:` + s + `)$`)
	if err == nil {
		err = werr
	}
	if err != nil {
		p.errorf(join(key, "pattern"), "schema-pattern", strconv.Quote(s), "an RE2 regular expression", "", "invalid pattern: %v", err)
		return
	}
	f.Pattern = re
	f.elem.Pattern = re
}

func (p *parser) bound(raw map[string]any, key, name string, f *Field) *Bound {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	k := join(key, name)
	switch f.Kind {
	case Int, Float, List, String, Text:
		switch n := v.(type) {
		case int64:
			return &Bound{Num: float64(n)}
		case float64:
			return &Bound{Num: n}
		}
		p.errorf(k, "schema-wrong-type", TOMLKind(v), "a number", "", "%s must be a number for a %s field", name, f.Kind)
	case Date:
		d, prob := toDate(v)
		if prob == nil {
			return &Bound{Date: d}
		}
		p.errorf(k, "schema-wrong-type", describe(v), "a date like 2022-06-07", "", "%s must be a date for a date field", name)
	default:
		p.errorf(k, "schema-misplaced-key", name, "only for numbers, dates, text and lists", "", "%s does not apply to a %s field", name, f.Kind)
	}
	return nil
}

// numberRules reads above and at_most, which only numbers take.
func (p *parser) numberRules(raw map[string]any, key string, f *Field) {
	elem := f.Elem().Kind
	if _, ok := raw["above"]; ok {
		if elem != Int && elem != Float {
			p.errorf(join(key, "above"), "schema-misplaced-key", "above", "only for int and float fields", "", "above is only for numbers")
		} else {
			f.Above = p.bound(raw, key, "above", f)
		}
	}
	if f.AtMost != "" && f.Kind != Int && f.Kind != Float {
		p.errorf(join(key, "at_most"), "schema-misplaced-key", "at_most", "only for int and float fields", "", "at_most is only for numbers")
	}
	if f.elem != nil && f.elem != f {
		f.elem.Above = f.Above
	}
}

func (p *parser) defaultValue(raw map[string]any, key string, f *Field) {
	v, ok := raw["default"]
	if !ok {
		return
	}
	if f.Kind == List || f.Kind == Object {
		p.errorf(join(key, "default"), "schema-misplaced-key", "default", "only for single values", "", "a list or object cannot have a default")
		return
	}
	if f.Kind.NamesFile() {
		p.errorf(join(key, "default"), "schema-misplaced-key", "default", "only for values an entry may share", "", "an image or file cannot have a default: each entry names its own")
		return
	}
	norm, prob := f.Check(v)
	if prob != nil {
		p.errorf(join(key, "default"), "schema-default", prob.Found, prob.Allowed, prob.Hint, "the default does not fit the field: %s", prob.Message)
		return
	}
	if f.Required {
		p.errorf(join(key, "default"), "schema-default", "required = true", "required or a default, not both", "", "a required field never uses its default")
	}
	f.Default = norm
}

func (p *parser) dateRules(raw map[string]any, key string, f *Field) {
	if f.NotBefore != "" && f.Kind != Date {
		p.errorf(join(key, "not_before"), "schema-misplaced-key", "not_before", "only for date fields", "", "not_before is only for dates")
	}
	if f.Acyclic && f.Elem().Kind != Ref {
		p.errorf(join(key, "acyclic"), "schema-misplaced-key", "acyclic", "only for refs", "", "acyclic is only for refs")
	}
	v, ok := raw["overdue_if"]
	if !ok {
		return
	}
	table, isTable := v.(map[string]any)
	if f.Kind != Date || !isTable {
		p.errorf(join(key, "overdue_if"), "schema-misplaced-key", "overdue_if", `a table like { status = ["open"] } on a date field`, "", "overdue_if must be a table on a date field")
		return
	}
	f.OverdueIf = map[string][]string{}
	for field, vals := range table {
		list, _ := vals.([]any)
		for _, x := range list {
			if s, ok := x.(string); ok {
				f.OverdueIf[field] = append(f.OverdueIf[field], s)
			}
		}
		if len(f.OverdueIf[field]) != len(list) || len(list) == 0 {
			p.errorf(join(key, "overdue_if."+field), "schema-wrong-type", describe(vals), "a list of strings", "", "overdue_if values must be a list of strings")
		}
	}
}
