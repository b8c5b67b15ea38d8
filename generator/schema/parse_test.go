package schema_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// lines writes diagnostics one a line: "FILE:LINE:COL: CODE: MESSAGE",
// then " (fix: HINT)" when there is a hint.
func lines(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Code, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(&b, " (fix: %s)", d.Hint)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// parseErrors are broken schema files and every error Parse reports,
// each at the file, line and column of the mistake.
var parseErrors = []struct {
	name string
	file string // schema/event.toml unless set
	src  string
	want string
}{
	{
		name: "unknown key at the top, with a suggestion",
		src: `name = "event"
foldr = "events"
colour = "red"
[fields.title]
type = "string"
`,
		want: `schema/event.toml:2:1: schema-unknown-key: unknown key "foldr" in a schema file (fix: did you mean "folder"?)
schema/event.toml:3:1: schema-unknown-key: unknown key "colour" in a schema file
`,
	},
	{
		name: "unknown key in a field",
		src: `name = "event"
[fields.title]
type = "string"
requried = true
  descripton = "x"
`,
		want: `schema/event.toml:4:1: schema-unknown-key: unknown key "requried" in a field (fix: did you mean "required"?)
schema/event.toml:5:3: schema-unknown-key: unknown key "descripton" in a field (fix: did you mean "description"?)
`,
	},
	{
		name: "unknown key written as a dotted key",
		src: `name = "event"
title = "title"
fields.title.type = "string"
fields.title.requried = true
extra.key = 1
`,
		want: `schema/event.toml:5:1: schema-unknown-key: unknown key "extra" in a schema file
schema/event.toml:4:14: schema-unknown-key: unknown key "requried" in a field (fix: did you mean "required"?)
`,
	},
	{
		name: "unknown field type",
		src: `name = "event"
[fields.title]
type = "strng"
[fields.when]
type = "datetime"
`,
		want: `schema/event.toml:3:8: schema-unknown-type: unknown field type "strng" (fix: did you mean "string"?)
schema/event.toml:5:8: schema-unknown-type: unknown field type "datetime"
`,
	},
	{
		name: "field without a type",
		src: `name = "event"
[fields.title]
required = true
`,
		want: `schema/event.toml:2:1: schema-missing-key: field "title" has no type (fix: add type = "string" (or another kind))
`,
	},
	{
		name: "list without of, list of lists, unknown of",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.tags]
type = "list"
[fields.grid]
type = "list"
of = "list"
[fields.people]
type = "list"
of = "refs"
`,
		want: `schema/event.toml:5:1: schema-missing-key: a list needs of (fix: add of = "string" (the kind of each element))
schema/event.toml:9:6: schema-unknown-type: unknown element type "list"
schema/event.toml:12:6: schema-unknown-type: unknown element type "refs" (fix: did you mean "ref"?)
`,
	},
	{
		name: "of, ref, values and fields where they do not apply",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
of = "string"
ref = "member"
values = ["a"]
[fields.title.fields.x]
type = "string"
`,
		want: `schema/event.toml:5:1: schema-misplaced-key: of is only for lists
schema/event.toml:6:1: schema-misplaced-key: ref is only for refs
schema/event.toml:7:1: schema-misplaced-key: values is only for enums
schema/event.toml:8:1: schema-misplaced-key: fields is only for objects
`,
	},
	{
		name: "ref without ref",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.host]
type = "ref"
[fields.guests]
type = "list"
of = "ref"
`,
		want: `schema/event.toml:5:1: schema-missing-key: a ref needs ref (fix: add ref = "member" (the type it points at))
schema/event.toml:7:1: schema-missing-key: a ref needs ref (fix: add ref = "member" (the type it points at))
`,
	},
	{
		name: "enum without values, with empty or repeated values",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.format]
type = "enum"
[fields.level]
type = "enum"
values = []
[fields.size]
type = "enum"
values = ["s", "m", "s", "", 3]
[fields.formats]
type = "list"
of = "enum"
`,
		want: `schema/event.toml:5:1: schema-missing-key: an enum needs values (fix: add values = ["a", "b"])
schema/event.toml:9:1: schema-values: values must list the allowed strings
schema/event.toml:12:21: schema-values: invalid enum value
schema/event.toml:12:26: schema-values: invalid enum value
schema/event.toml:12:30: schema-values: invalid enum value
schema/event.toml:13:1: schema-missing-key: an enum needs values (fix: add values = ["a", "b"])
`,
	},
	{
		name: "defaults that do not fit",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.format]
type = "enum"
values = ["in-person", "virtual"]
default = "online"
[fields.seats]
type = "int"
default = "ten"
[fields.day]
type = "date"
default = "2024-02-30"
[fields.tags]
type = "list"
of = "string"
default = ["a"]
[fields.name]
type = "string"
required = true
default = "x"
[fields.seats_min]
type = "int"
min = 1
default = 0
`,
		want: `schema/event.toml:8:1: schema-default: the default does not fit the field: "online" is not one of the allowed values
schema/event.toml:11:1: schema-default: the default does not fit the field: expected a whole number, found text
schema/event.toml:14:1: schema-default: the default does not fit the field: not a valid date
schema/event.toml:18:1: schema-misplaced-key: a list or object cannot have a default
schema/event.toml:22:1: schema-default: a required field never uses its default
schema/event.toml:26:1: schema-default: the default does not fit the field: the value is below the minimum 1
`,
	},
	{
		name: "invalid pattern, pattern on a number",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
pattern = "[A-Z"
[fields.seats]
type = "int"
pattern = "[0-9]+"
[fields.code]
type = "string"
pattern = "a)(b"
`,
		want: "schema/event.toml:5:1: schema-pattern: invalid pattern: error parsing regexp: missing closing ]: `[A-Z`\n" +
			"schema/event.toml:8:1: schema-misplaced-key: pattern is only for text\n" +
			"schema/event.toml:11:1: schema-pattern: invalid pattern: error parsing regexp: unexpected ): `a)(b`\n",
	},
	{
		name: "min and max of the wrong kind",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
min = "short"
[fields.day]
type = "date"
max = "soon"
[fields.ok]
type = "bool"
min = 1
`,
		want: `schema/event.toml:5:1: schema-wrong-type: min must be a number for a string field
schema/event.toml:8:1: schema-wrong-type: max must be a date for a date field
schema/event.toml:11:1: schema-misplaced-key: min does not apply to a bool field
`,
	},
	{
		name: "keys of the wrong kind",
		src: `name = 7
title = "title"
fields = "none"
`,
		want: `schema/event.toml:1:1: schema-wrong-type: name must be text
schema/event.toml:3:1: schema-wrong-type: fields must be a table
schema/event.toml:2:1: schema-title: title must name a text field of the type
`,
	},
	{
		name: "a field that is not a table, a bad field name",
		src: `name = "event"
title = "title"
[fields]
title = "string"
[fields.Title2]
type = "string"
[fields.ok]
type = "bool"
required = "yes"
`,
		want: `schema/event.toml:4:1: schema-wrong-type: field "title" must be a table of field keys
schema/event.toml:5:1: schema-field-name: invalid field name
schema/event.toml:9:1: schema-wrong-type: required must be true or false
schema/event.toml:2:1: schema-title: title must name a text field of the type (fix: did you mean "Title2"?)
`,
	},
	{
		name: "title naming a missing field, or a field that is not text",
		src: `name = "event"
title = "titel"
[fields.title]
type = "string"
[fields.headline]
type = "text"
`,
		want: `schema/event.toml:2:1: schema-title: title must name a text field of the type (fix: did you mean "title"?)
`,
	},
	{
		name: "title naming a date",
		src: `name = "event"
title = "day"
[fields.day]
type = "date"
`,
		want: `schema/event.toml:2:1: schema-title: title must name a text field of the type
`,
	},
	{
		name: "no title and no title or name field",
		src: `name = "event"
[fields.headline]
type = "string"
`,
		want: `schema/event.toml:1:1: schema-title: the type "event" does not say which field is its title (fix: add title = "FIELD")
`,
	},
	{
		name: "name not matching the file name",
		src: `name = "happening"
title = "title"
[fields.title]
type = "string"
`,
		want: `schema/event.toml:1:1: schema-name: the type's name must match its file name (fix: rename the file to happening.toml, or set name = "event")
`,
	},
	{
		name: "invalid type name, folder and path",
		file: "schema/Event.toml",
		src: `name = "Event"
folder = "My Events"
path = "/events/"
title = "title"
[fields.title]
type = "string"
`,
		want: `schema/Event.toml:1:1: schema-name: invalid type name
schema/Event.toml:2:1: schema-folder: invalid folder name
schema/Event.toml:3:1: schema-path: path must start and end with / and hold :slug once
`,
	},
	{
		name: "path parts that are not folder names, a device name as folder",
		src: `name = "event"
folder = "aux"
path = "/../:slug/"
title = "title"
[fields.title]
type = "string"
`,
		want: `schema/event.toml:2:1: schema-folder: invalid folder name
schema/event.toml:3:1: schema-path: each part of path must be lowercase letters, digits and -, and not a Windows device name: no . or .. parts
`,
	},
	{
		name: "a path part holding :slug is checked too",
		src: `name = "event"
path = "/events/.:slug/"
title = "title"
[fields.title]
type = "string"
`,
		want: `schema/event.toml:2:1: schema-path: each part of path must be lowercase letters, digits and -, and not a Windows device name: no . or .. parts
`,
	},
	{
		name: "sort and aliases naming what is not there",
		src: `name = "event"
title = "title"
sort = "-dat"
aliases = "title"
[fields.title]
type = "string"
[fields.date]
type = "date"
`,
		want: `schema/event.toml:3:1: schema-sort: sort names an unknown field (fix: did you mean "date"?)
schema/event.toml:4:1: schema-aliases: aliases must name a list of strings of the type
`,
	},
	{
		name: "object without fields",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.venue]
type = "object"
[fields.sessions]
type = "list"
of = "object"
`,
		want: `schema/event.toml:5:1: schema-missing-key: an object needs fields
schema/event.toml:7:1: schema-missing-key: an object needs fields
`,
	},
	{
		name: "date rules in the wrong place",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
not_before = "title"
acyclic = true
[fields.due]
type = "date"
overdue_if = ["open"]
[fields.when]
type = "date"
overdue_if = { status = "open" }
`,
		want: `schema/event.toml:5:1: schema-misplaced-key: not_before is only for dates
schema/event.toml:6:1: schema-misplaced-key: acyclic is only for refs
schema/event.toml:9:1: schema-misplaced-key: overdue_if must be a table on a date field
schema/event.toml:12:16: schema-wrong-type: overdue_if values must be a list of strings
`,
	},
	{
		name: "number rules in the wrong place",
		src: `name = "event"
title = "title"
[fields.title]
type = "string"
above = 0
at_most = "title"
[fields.count]
type = "int"
above = "zero"
`,
		want: `schema/event.toml:5:1: schema-misplaced-key: above is only for numbers
schema/event.toml:6:1: schema-misplaced-key: at_most is only for numbers
schema/event.toml:9:1: schema-wrong-type: above must be a number for a int field
`,
	},
	{
		name: "malformed TOML",
		src: `name = "event"
title = "title
`,
		want: `schema/event.toml:2:15: toml-syntax: malformed TOML: strings cannot contain newlines (fix: see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line)
`,
	},
	{
		name: "a key defined twice",
		src: `name = "event"
[fields.title]
type = "string"
[fields.title]
type = "text"
`,
		want: `schema/event.toml:4:2: toml-syntax: malformed TOML: Key 'fields.title' has already been defined. (fix: see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line)
`,
	},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrors {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "schema/event.toml"
			}
			_, diags := schema.Parse(file, []byte(tt.src))
			if got := lines(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

const eventSchema = `name = "event"
folder = "events"
title = "title"
label = "Events"
sort = "-date"
path = "/events/:slug/"
description = "A public event hosted by a member."

[fields.title]
type = "string"
required = true
description = "Name of the event as it appears on the site."

[fields.date]
type = "date"
required = true
min = 2000-01-01

[fields.end_date]
type = "date"
not_before = "date"

[fields.host]
type = "ref"
ref = "member"

[fields.format]
type = "enum"
values = ["in-person", "virtual", "hybrid"]
default = "in-person"

[fields.topics]
type = "list"
of = "topic"
max = 5

[fields.contact_phone]
type = "string"
private = true
label = "Phone"

[fields.code]
type = "string"
pattern = "[A-Z]{3}-[0-9]+"
unique = true

[fields.seats]
type = "int"
min = 1
max = 500
default = 20

[fields.fee]
type = "float"
default = 2

[fields.sessions]
type = "list"
of = "object"

[fields.sessions.fields.title]
type = "string"
required = true

[fields.sessions.fields.speaker]
type = "ref"
ref = "member"

[fields.related]
type = "list"
of = "ref"
ref = "event"
acyclic = true
`

func TestParseType(t *testing.T) {
	typ, diags := schema.Parse("schema/event.toml", []byte(eventSchema))
	if len(diags) > 0 {
		t.Fatalf("unexpected errors:\n%s", lines(diags))
	}
	if typ.Name != "event" || typ.Folder != "events" || typ.TitleField != "title" || typ.Label != "Events" ||
		typ.Sort != "-date" || typ.Path != "/events/:slug/" || typ.Description != "A public event hosted by a member." {
		t.Errorf("type = %+v", typ)
	}
	if typ.Decl != (schema.Decl{File: "schema/event.toml", Line: 1, Col: 1}) {
		t.Errorf("type declared at %+v", typ.Decl)
	}
	want := "title date end_date host format topics contact_phone code seats fee sessions related draft updated language"
	if got := strings.Join(typ.FieldNames(), " "); got != want {
		t.Errorf("fields in order: %s\nwant %s", got, want)
	}
	f := func(name string) *schema.Field {
		t.Helper()
		f := typ.Lookup(name)
		if f == nil {
			t.Fatalf("no field %q", name)
		}
		return f
	}
	if title := f("title"); !title.Required || title.Kind != schema.String || title.Label != "Title" ||
		title.Description != "Name of the event as it appears on the site." || title.Decl.Line != 9 || title.Decl.Col != 1 {
		t.Errorf("title = %+v", title)
	}
	if d := f("date"); d.Min == nil || !d.Min.Date.Equal(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date min = %+v", d.Min)
	}
	if e := f("end_date"); e.NotBefore != "date" {
		t.Errorf("end_date not_before = %q", e.NotBefore)
	}
	if h := f("host"); h.Kind != schema.Ref || h.Ref != "member" || h.Target() != "member" {
		t.Errorf("host = %+v", h)
	}
	if fm := f("format"); fm.Default != "in-person" || strings.Join(fm.Values, ",") != "in-person,virtual,hybrid" {
		t.Errorf("format = %+v", fm)
	}
	if tp := f("topics"); tp.Kind != schema.List || tp.Of != schema.Topic || tp.Elem().Kind != schema.Topic ||
		tp.Target() != schema.TopicType || tp.Max == nil || tp.Max.Num != 5 || tp.Elem().Max != nil {
		t.Errorf("topics = %+v, elem %+v", tp, tp.Elem())
	}
	if p := f("contact_phone"); !p.Private || p.Label != "Phone" {
		t.Errorf("contact_phone = %+v", p)
	}
	if c := f("code"); !c.Unique || c.Pattern == nil || schema.PatternSource(c.Pattern) != "[A-Z]{3}-[0-9]+" ||
		!c.Pattern.MatchString("ABC-12") || c.Pattern.MatchString("xABC-12") {
		t.Errorf("code = %+v", c)
	}
	if s := f("seats"); s.Default != int64(20) || s.Min.Num != 1 || s.Max.Num != 500 {
		t.Errorf("seats = %+v", s)
	}
	if fee := f("fee"); fee.Default != float64(2) {
		t.Errorf("fee default = %#v, want float64(2)", fee.Default)
	}
	s := f("sessions")
	if s.Kind != schema.List || s.Elem().Kind != schema.Object || len(s.Fields) != 2 || s.Lookup("speaker") == nil ||
		s.Lookup("speaker").Target() != "member" || !s.Lookup("title").Required {
		t.Errorf("sessions = %+v", s)
	}
	if r := f("related"); !r.Acyclic || r.Target() != "event" {
		t.Errorf("related = %+v", r)
	}
	if d := f("draft"); !d.Builtin || d.Kind != schema.Bool {
		t.Errorf("draft = %+v", d)
	}
	if u := f("updated"); !u.Builtin || u.Kind != schema.Date {
		t.Errorf("updated = %+v", u)
	}
}

func TestParseDefaults(t *testing.T) {
	typ, diags := schema.Parse("schema/note.toml", []byte("[fields.name]\ntype = \"string\"\n[fields.draft]\ntype = \"string\"\n"))
	if len(diags) > 0 {
		t.Fatalf("unexpected errors:\n%s", lines(diags))
	}
	if typ.Name != "note" || typ.Folder != "note" || typ.Path != "/note/:slug/" || typ.Label != "Note" || typ.TitleField != "name" {
		t.Errorf("defaults: %+v", typ)
	}
	// a type may declare draft itself; updated is still added
	if got := strings.Join(typ.FieldNames(), " "); got != "name draft updated language" {
		t.Errorf("fields: %s", got)
	}
	if typ.Lookup("draft").Builtin || typ.Lookup("draft").Kind != schema.String {
		t.Errorf("the type's own draft field was replaced")
	}
	if l := typ.Lookup("name").Label; l != "Name" {
		t.Errorf("label = %q", l)
	}
}

func TestFieldLabelFromName(t *testing.T) {
	typ, _ := schema.Parse("schema/x.toml", []byte("title = \"duration_minutes\"\n[fields.duration_minutes]\ntype = \"string\"\n"))
	if l := typ.Lookup("duration_minutes").Label; l != "Duration minutes" {
		t.Errorf("label = %q", l)
	}
}
