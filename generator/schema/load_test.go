package schema_test

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/schema"
)

func own(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys
}

func TestDefaultSchema(t *testing.T) {
	s, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatalf("the default schema has errors:\n%s", lines(diags))
	}
	var got []string
	for _, typ := range s.Types {
		got = append(got, typ.Name+"="+typ.Folder)
	}
	want := "assessment=assessments charter=charters exchange=exchanges member=members minutes=minutes module=curriculum page=pages rule=governance topic=topics"
	if strings.Join(got, " ") != want {
		t.Errorf("types: %s\nwant  %s", strings.Join(got, " "), want)
	}
	if f := strings.Join(s.Folders(), " "); f != "assessments charters curriculum exchanges governance members minutes pages topics" {
		t.Errorf("folders: %s", f)
	}
	if s.ByFolder("curriculum") != s.Type("module") || s.Type("nothing") != nil || s.ByFolder("nothing") != nil {
		t.Errorf("lookups by name and folder disagree")
	}
	// the contract's fields, required ones marked * (v2 added logo and attachments)
	contract := map[string]string{
		"member":  "name* kind* region country sectors joined website email phone languages offers needs logo",
		"charter": "title* adopted* revised mission* vision members goals",
		"rule":    "title* category* status adopted supersedes terms",
		"minutes": "title* date* end_date location format charter rapporteur* facilitators attendees topics decisions actions attachments",
		"module":  "title* summary* level duration_minutes topics authors prerequisites objectives language license materials attachments",
		"topic":   "name* definition aliases",
		"page":    "title*",
		// v2
		"exchange":   "title* topic* providers* recipients* status agreed held format minutes outcome",
		"assessment": "member* date* instrument* assessor scores*",
	}
	for name, want := range contract {
		typ := s.Type(name)
		var got []string
		for _, f := range typ.Fields {
			if f.Builtin {
				continue
			}
			if f.Required {
				got = append(got, f.Name+"*")
			} else {
				got = append(got, f.Name)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s fields: %s\nwant %s", name, strings.Join(got, " "), want)
		}
		if typ.Lookup("draft") == nil || typ.Lookup("updated") == nil {
			t.Errorf("%s lacks draft or updated", name)
		}
	}
	checks := []struct {
		typ, field string
		ok         func(f *schema.Field) bool
	}{
		{"member", "kind", func(f *schema.Field) bool { return strings.Join(f.Values, ",") == "organization,individual" }},
		{"member", "phone", func(f *schema.Field) bool { return f.Private }},
		{"member", "country", func(f *schema.Field) bool { return f.Pattern.MatchString("MX") && !f.Pattern.MatchString("mx") }},
		{"member", "offers", func(f *schema.Field) bool { return f.Kind == schema.List && f.Target() == "topic" }},
		{"member", "website", func(f *schema.Field) bool { return f.Kind == schema.URL }},
		{"member", "email", func(f *schema.Field) bool { return f.Kind == schema.Email }},
		{"charter", "members", func(f *schema.Field) bool { return f.Target() == "member" }},
		{"charter", "goals", func(f *schema.Field) bool {
			h := f.Lookup("horizon")
			return f.Elem().Kind == schema.Object && h.Required && strings.Join(h.Values, ",") == "short,medium,long"
		}},
		{"rule", "status", func(f *schema.Field) bool { return f.Default == "active" }},
		{"rule", "supersedes", func(f *schema.Field) bool { return f.Target() == "rule" }},
		{"rule", "terms", func(f *schema.Field) bool {
			return f.Lookup("member").Target() == "member" && f.Lookup("to").NotBefore == "from" && f.Lookup("from").Required
		}},
		{"minutes", "end_date", func(f *schema.Field) bool { return f.NotBefore == "date" }},
		{"minutes", "rapporteur", func(f *schema.Field) bool { return f.Required && f.Target() == "member" }},
		{"minutes", "actions", func(f *schema.Field) bool {
			return f.Lookup("status").Default == "open" && strings.Join(f.Lookup("due").OverdueIf["status"], ",") == "open" &&
				f.Lookup("task").Required && f.Lookup("owner").Target() == "member"
		}},
		{"module", "duration_minutes", func(f *schema.Field) bool { return f.Kind == schema.Int && f.Min.Num == 1 }},
		{"exchange", "topic", func(f *schema.Field) bool { return f.Kind == schema.Topic && f.Required }},
		{"exchange", "providers", func(f *schema.Field) bool { return f.Target() == "member" && f.Min.Num == 1 }},
		{"exchange", "recipients", func(f *schema.Field) bool { return f.Target() == "member" && f.Min.Num == 1 }},
		{"exchange", "status", func(f *schema.Field) bool {
			return f.Default == "agreed" && strings.Join(f.Values, ",") == "proposed,agreed,done,dropped"
		}},
		{"exchange", "held", func(f *schema.Field) bool { return f.Kind == schema.Date && f.NotBefore == "agreed" }},
		{"exchange", "minutes", func(f *schema.Field) bool { return f.Target() == "minutes" }},
		{"exchange", "outcome", func(f *schema.Field) bool { return f.Kind == schema.Text }},
		{"assessment", "member", func(f *schema.Field) bool { return f.Target() == "member" && f.Required }},
		{"assessment", "scores", func(f *schema.Field) bool {
			score, max, area := f.Lookup("score"), f.Lookup("max"), f.Lookup("area")
			return f.Required && f.Min.Num == 1 && area.Required && score.Kind == schema.Float && score.Min.Num == 0 &&
				score.AtMost == "max" && max.Kind == schema.Float && max.Above.Num == 0 && f.Lookup("topic").Target() == "topic"
		}},
		{"module", "prerequisites", func(f *schema.Field) bool { return f.Acyclic && f.Target() == "module" }},
		{"module", "materials", func(f *schema.Field) bool {
			return f.Lookup("url").Kind == schema.URL && f.Lookup("url").Required && f.Lookup("title").Required
		}},
		{"topic", "aliases", func(f *schema.Field) bool { return f.Kind == schema.List && f.Of == schema.String }},
		{"member", "logo", func(f *schema.Field) bool { return f.Kind == schema.Image && !f.Required }},
		{"minutes", "attachments", func(f *schema.Field) bool { return f.Kind == schema.List && f.Of == schema.File }},
		{"module", "attachments", func(f *schema.Field) bool { return f.Kind == schema.List && f.Of == schema.File }},
	}
	for _, c := range checks {
		f := s.Type(c.typ).Lookup(c.field)
		if f == nil || !c.ok(f) {
			t.Errorf("%s.%s is not as the contract says: %+v", c.typ, c.field, f)
		}
	}
	if p := s.Type("page").Path; p != "/:slug/" {
		t.Errorf("page path = %q", p)
	}
	if a := s.Type("topic").Aliases; a != "aliases" {
		t.Errorf("topic aliases = %q", a)
	}
}

func TestCommunityTypeAndField(t *testing.T) {
	member := `name = "member"
folder = "members"
title = "name"

[fields.name]
type = "string"
required = true

[fields.funding_sources]
type = "list"
of = "string"
`
	s, diags := schema.Load(agora.DefaultSchema, own(map[string]string{
		"event.toml":  eventSchema,
		"member.toml": member,
		"notes.txt":   "not a schema file",
	}))
	if len(diags) > 0 {
		t.Fatalf("unexpected errors:\n%s", lines(diags))
	}
	if len(s.Types) != 10 || s.Types[2].Name != "event" {
		t.Errorf("types: %v", s.Folders())
	}
	ev := s.ByFolder("events")
	if ev == nil || ev.Name != "event" || ev.Decl.File != "schema/event.toml" {
		t.Fatalf("event type: %+v", ev)
	}
	m := s.Type("member")
	if got := strings.Join(m.FieldNames(), " "); got != "name funding_sources draft updated language" {
		t.Errorf("the override does not replace the default member: %s", got)
	}
	if m.Decl.File != "schema/member.toml" || m.Lookup("kind") != nil {
		t.Errorf("member: %+v", m)
	}
}

// loadErrors are mistakes only the whole schema shows.
var loadErrors = []struct {
	name  string
	files map[string]string
	want  string
}{
	{
		name: "ref to an unknown type, with a suggestion",
		files: map[string]string{"event.toml": `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.host]
type = "ref"
ref = "memebr"
[fields.guests]
type = "list"
of = "ref"
ref = "guest"
`},
		want: `schema/event.toml:7:7: schema-ref: ref points at an unknown type "memebr" (fix: did you mean "member"?)
schema/event.toml:11:7: schema-ref: ref points at an unknown type "guest"
`,
	},
	{
		name: "topic fields without a topic type",
		files: map[string]string{"topic.toml": `name = "topic"
folder = "topics"
title = "name"
[fields.name]
type = "string"
`},
		want: "",
	},
	{
		name: "not_before naming a missing or non-date field, overdue_if naming a missing field or value",
		files: map[string]string{"event.toml": `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.starts]
type = "date"
[fields.ends]
type = "date"
not_before = "start"
[fields.closes]
type = "date"
not_before = "title"
[fields.tasks]
type = "list"
of = "object"
[fields.tasks.fields.due]
type = "date"
overdue_if = { state = ["open"] }
[fields.tasks.fields.check]
type = "date"
overdue_if = { status = ["opne"] }
[fields.tasks.fields.status]
type = "enum"
values = ["open", "done"]
`},
		want: `schema/event.toml:9:14: schema-not-before: not_before must name a date field beside this one (fix: did you mean "starts"?)
schema/event.toml:12:14: schema-not-before: not_before must name a date field beside this one
schema/event.toml:18:16: schema-overdue-if: overdue_if must name an enum field beside this one
schema/event.toml:21:25: schema-overdue-if: overdue_if names a value the field does not allow (fix: did you mean "open"?)
`,
	},
	{
		name: "at_most naming a missing field, a text field or the field itself",
		files: map[string]string{"survey.toml": `name = "survey"
title = "title"
[fields.title]
type = "string"
[fields.rows]
type = "list"
of = "object"
[fields.rows.fields.score]
type = "float"
at_most = "maxi"
[fields.rows.fields.other]
type = "int"
at_most = "label"
[fields.rows.fields.self]
type = "int"
at_most = "self"
[fields.rows.fields.maximum]
type = "float"
[fields.rows.fields.label]
type = "string"
`},
		want: `schema/survey.toml:10:11: schema-at-most: at_most must name a number field beside this one (fix: did you mean "maximum"?)
schema/survey.toml:13:11: schema-at-most: at_most must name a number field beside this one
schema/survey.toml:16:11: schema-at-most: at_most must name a number field beside this one
`,
	},
	{
		name: "acyclic on a ref to another type",
		files: map[string]string{"event.toml": `name = "event"
title = "title"
[fields.title]
type = "string"
[fields.hosts]
type = "list"
of = "ref"
ref = "member"
acyclic = true
`},
		want: `schema/event.toml:9:11: schema-acyclic: acyclic applies to refs to the type itself
`,
	},
	{
		name: "two types sharing a folder: the community's file is blamed, and refs to the default type still resolve",
		files: map[string]string{"association.toml": `name = "association"
folder = "members"
title = "title"
[fields.title]
type = "string"
`},
		want: `schema/association.toml:2:10: schema-folder: two types use the folder "members" (fix: give one of them another folder)
`,
	},
	{
		name: "two community types sharing a folder",
		files: map[string]string{
			"event.toml":   "name = \"event\"\nfolder = \"happenings\"\ntitle = \"title\"\n[fields.title]\ntype = \"string\"\n",
			"meetup.toml":  "title = \"title\"\nfolder = \"happenings\"\n[fields.title]\ntype = \"string\"\n",
			"session.toml": "title = \"title\"\nfolder = \"sessions\"\n[fields.title]\ntype = \"string\"\n[fields.of]\ntype = \"ref\"\nref = \"meetup\"\n",
		},
		want: `schema/meetup.toml:2:10: schema-folder: two types use the folder "happenings" (fix: give one of them another folder)
`,
	},
	{
		name: "reserved folder names",
		files: map[string]string{
			"search.toml": "title = \"title\"\n[fields.title]\ntype = \"string\"\n",
			"asset.toml":  "name = \"asset\"\nfolder = \"assets\"\ntitle = \"title\"\n[fields.title]\ntype = \"string\"\n",
		},
		want: `schema/asset.toml:2:10: schema-folder: the folder "assets" is reserved for the site
schema/search.toml:1:1: schema-folder: the folder "search" is reserved for the site
`,
	},
	{
		name:  "an override that is not TOML: types pointing at it are not reported too",
		files: map[string]string{"member.toml": "name = \"member\"\ntitle = [\n"},
		want: `schema/member.toml:2:10: toml-syntax: malformed TOML: unexpected EOF; expected value (fix: see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line)
`,
	},
	{
		name: "an override that removes a type others point at",
		files: map[string]string{"member.toml": `name = "person"
folder = "members"
title = "name"
[fields.name]
type = "string"
`},
		want: `schema/member.toml:1:1: schema-name: the type's name must match its file name (fix: rename the file to person.toml, or set name = "member")
`,
	},
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range loadErrors {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := schema.Load(agora.DefaultSchema, own(tt.files))
			diags.Sort()
			if got := lines(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestWriteDocs(t *testing.T) {
	s, diags := schema.Load(agora.DefaultSchema, own(map[string]string{"event.toml": eventSchema}))
	if len(diags) > 0 {
		t.Fatalf("unexpected errors:\n%s", lines(diags))
	}
	var b bytes.Buffer
	if err := schema.WriteDocs(&b, s); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	for _, want := range []string{
		"- [event](#event) — `content/events/`",
		"\n## event\n\nA public event hosted by a member.\n",
		"defined in `schema/event.toml`",
		"| `title` | string | yes | Name of the event as it appears on the site. |",
		"| `host` | ref → member |",
		"| `format` | enum |  |  | one of \"in-person\", \"virtual\", \"hybrid\"; default \"in-person\" |",
		"| `topics` | list of topic |",
		"| `contact_phone` | string |  |  | **private**: checked, never published |",
		"| `code` | string |  |  | matches `[A-Z]{3}-[0-9]+`; unique |",
		"| `seats` | int |  |  | default 20; min 1; max 500 |",
		"| `date` | date | yes |  | min 2000-01-01 |",
		"| `end_date` | date |  |  | not before `date` |",
		"| `sessions` | list of tables `[[sessions]]` |",
		"| `sessions.speaker` | ref → member |",
		"| `related` | list of ref → event |  |  | no cycles |",
		"| `due` | date |", // not at the top: actions.due
		"warned about when past while `status` is \"open\"",
		"\n## The schema language\n",
		"- `not_before`: ",
		"- `overdue_if`: ",
		"- `path`: ",
	} {
		if !strings.Contains(doc, want) && !strings.Contains(doc, strings.Replace(want, "| `due`", "| `actions.due`", 1)) {
			t.Errorf("the docs lack %q", want)
		}
	}
}
