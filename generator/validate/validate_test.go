package validate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

func defaultSchema(t *testing.T) *schema.Schema {
	t.Helper()
	s, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

// format writes each diagnostic as "KEY[=]: [warning: ]CODE: MESSAGE
// (fix: HINT)"; "=" marks a position on the key's value.
func format(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		at := ""
		if d.AtValue {
			at = "="
		}
		sev := ""
		if d.Severity == diag.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(&b, "%s%s: %s%s: %s", d.Key, at, sev, d.Code, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(&b, " (fix: %s)", d.Hint)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func decode(t *testing.T, src string) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return m
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// TestFields checks one table of values against each default type: the
// problems, each with the key path load.Locate places it by, and the
// checked values.
func TestFields(t *testing.T) {
	sch := defaultSchema(t)
	tests := []struct {
		name, typ, src string
		want           string         // diagnostics
		values         map[string]any // some of the checked values; nil: absent
	}{
		{
			name: "a valid member, with normalized values",
			typ:  "member",
			src: `name = "Ana"
kind = "individual"
joined = "2022-06-07"
updated = 2024-01-31
sectors = ["water", "health"]
offers = ["Mediación"]
`,
			values: map[string]any{
				"name": "Ana", "joined": date(2022, 6, 7), "updated": date(2024, 1, 31),
				"sectors": []any{"water", "health"}, "offers": []any{"Mediación"}, "region": nil,
			},
		},
		{
			name: "unknown keys, with and without a suggestion, sorted (Fields names no schema file to add them to)",
			typ:  "member",
			src:  "name = \"A\"\nkind = \"individual\"\nzz_top = 1\nnmae = 2\n",
			want: `nmae: unknown-key: unknown field "nmae" in a member (fix: did you mean "name"?)
zz_top: unknown-key: unknown field "zz_top" in a member (fix: remove it)
`,
			values: map[string]any{"name": "A", "zz_top": nil, "nmae": nil},
		},
		{
			name: "missing required fields at the top and in [[actions]] items",
			typ:  "minutes",
			src: `title = "M"
[[actions]]
owner = "ana"
[[actions]]
task = "ok"
`,
			want: `: missing-required: missing required field "date" in a minutes (fix: add date = … (The day the meeting took place (its first day)))
: missing-required: missing required field "rapporteur" in a minutes (fix: add rapporteur = … (The member who wrote these minutes))
actions.0: missing-required: missing required field "task" in [[actions]] item 1 (fix: add task = … (What is to be done))
`,
			values: map[string]any{"actions": []any{
				map[string]any{"owner": "ana", "status": "open"},
				map[string]any{"task": "ok", "status": "open"},
			}},
		},
		{
			name:   "empty required text",
			typ:    "page",
			src:    "title = \"  \"\n",
			want:   "title=: empty-required: title: a required field may not be empty (fix: fill it in: Title of the page)\n",
			values: map[string]any{"title": nil},
		},
		{
			name: "wrong types: text for a list, a number for text, a list for one value",
			typ:  "member",
			src:  "name = 42\nkind = [\"individual\"]\nsectors = \"water\"\nneeds = 7\n",
			want: `name=: wrong-type: name: expected text in quotes, found a whole number (fix: put the value in quotes: "42")
kind=: wrong-type: kind: expected one of "organization", "individual", found a list (fix: write one value, not a list)
sectors=: wrong-type: sectors: expected a list [ … ] of text in quotes, found text (fix: put the value in a list: ["water"])
needs=: wrong-type: needs: expected a list [ … ] of a topic slug or alias in quotes, found a whole number
`,
			values: map[string]any{"name": nil, "kind": nil, "sectors": nil, "needs": nil},
		},
		{
			name: "an invalid list item keeps the index of the others",
			typ:  "minutes",
			src:  "title = \"M\"\ndate = 2024-01-01\nrapporteur = \"a\"\nattendees = [\"a\", 7, \"\", \"b\"]\n",
			want: `attendees.1: wrong-type: attendees, item 2: expected the slug of a member in quotes, found a whole number (fix: put the value in quotes: "7")
attendees.2: empty-ref: attendees, item 3: a reference may not be empty
`,
			values: map[string]any{"attendees": []any{"a", nil, nil, "b"}},
		},
		{
			name: "a list of tables that is not one",
			typ:  "minutes",
			src:  "title = \"M\"\ndate = 2024-01-01\nrapporteur = \"a\"\nactions = [\"x\", {task = \"t\"}]\ndecisions = \"d\"\n",
			want: `decisions=: wrong-type: decisions: expected a list [ … ] of text in quotes, found text (fix: put the value in a list: ["d"])
actions.0: wrong-type: actions: each item must be a table, found text
`,
			values: map[string]any{"actions": []any{nil, map[string]any{"task": "t", "status": "open"}}},
		},
		{
			name: "enums list the allowed values",
			typ:  "rule",
			src:  "title = \"R\"\ncategory = \"Roles\"\nstatus = \"draft\"\n",
			want: `category=: bad-enum: category: "Roles" is not one of the allowed values (fix: did you mean "roles"?)
status=: bad-enum: status: "draft" is not one of the allowed values
`,
		},
		{
			name:   "defaults fill in, also in list items",
			typ:    "rule",
			src:    "title = \"R\"\ncategory = \"roles\"\n",
			values: map[string]any{"status": "active", "category": "roles"},
		},
		{
			name: "dates: a time of day, an impossible date, dates out of order",
			typ:  "rule",
			src: `title = "R"
category = "roles"
adopted = 2024-01-01T09:00:00
updated = "2024-02-30"
[[terms]]
role = "x"
member = "ana"
from = 2024-05-01
to = 2024-04-30
[[terms]]
role = "x"
member = "ana"
from = 2024-05-01
to = 2024-05-01
`,
			want: `adopted=: bad-date: adopted: a date may not have a time of day (fix: keep only the date: 2024-01-01)
terms.0.to=: date-order: to 2024-04-30 is before from 2024-05-01 (fix: check the two dates; to may not come before from)
updated=: bad-date: updated: not a valid date
`,
		},
		{
			name: "urls, emails, patterns, minimums",
			typ:  "member",
			src:  "name = \"A\"\nkind = \"individual\"\ncountry = \"mx\"\nwebsite = \"www.example.org\"\nemail = \"a@\"\nlanguages = [\"es\", \"Spanish!\"]\n",
			want: `country=: bad-pattern: country: does not match the required form (fix: Country as an ISO 3166-1 alpha-2 code in capitals, such as MX, MN or KH.)
website=: bad-url: website: not a web address (fix: add the scheme: "https://www.example.org")
email=: bad-email: email: not an email address
languages.1: bad-pattern: languages, item 2: does not match the required form (fix: Languages the member works in, as BCP 47 tags such as es, mn or km.)
`,
		},
		{
			name: "duration_minutes = 0 is below the minimum",
			typ:  "module",
			src:  "title = \"M\"\nsummary = \"S\"\nduration_minutes = 0\n[[materials]]\ntitle = \"x\"\nurl = \"slides.pdf\"\n",
			want: `duration_minutes=: out-of-range: duration_minutes: the value is below the minimum 1
materials.0.url=: bad-url: url: not a web address (fix: add the scheme: "https://slides.pdf")
`,
		},
		{
			name: "nested tables and their unknown keys",
			typ:  "charter",
			src:  "title = \"C\"\nadopted = 2024-01-01\nmission = \"M\"\n[[goals]]\nhorizon = \"short\"\ntext = \"t\"\ntexte = \"x\"\n",
			want: `goals.0.texte: unknown-key: unknown field "texte" in [[goals]] item 1 (fix: did you mean "text"?)
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typ := sch.Type(tt.typ)
			values, diags := validate.Fields("f", tt.typ, typ.Fields, decode(t, tt.src))
			if got := format(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			for _, d := range diags {
				if d.File != "f" || !d.Pending || d.Line != 0 {
					t.Errorf("%s: file %q, pending %v, line %d", d.Key, d.File, d.Pending, d.Line)
				}
			}
			for k, want := range tt.values {
				got, ok := values[k]
				if want == nil {
					if ok {
						t.Errorf("%s = %#v, want it left out", k, got)
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", k, got, want)
				}
			}
		})
	}
}

// TestObjectTableMessages: messages name an object field's table.
func TestObjectTableMessages(t *testing.T) {
	typ, diags := schema.Parse("schema/site.toml", []byte(`title = "title"
[fields.title]
type = "string"
required = true
[fields.repo]
type = "object"
[fields.repo.fields.url]
type = "url"
required = true
[fields.repo.fields.branch]
type = "string"
default = "main"
`))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	values, got := validate.Fields("site.toml", "site", typ.Fields, decode(t, "title = \"x\"\n[repo]\nbrnach = \"dev\"\n"))
	want := `repo.brnach: unknown-key: unknown field "brnach" in [repo] (fix: did you mean "branch"?)
repo: missing-required: missing required field "url" in [repo] (fix: add url = …)
`
	if format(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", format(got), want)
	}
	if repo := values["repo"].(map[string]any); repo["branch"] != "main" {
		t.Errorf("repo = %v", repo)
	}
	_, got = validate.Fields("site.toml", "site", typ.Fields, decode(t, "title = \"x\"\nrepo = \"https://x\"\n"))
	if want := "repo=: wrong-type: repo: expected a table ([repo]), found text\n"; format(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", format(got), want)
	}
}

// content writes the files and loads them.
func content(t *testing.T, sch *schema.Schema, files map[string]string) *load.Content {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	c, diags, err := load.Load(context.Background(), root, sch, load.Options{})
	if err != nil || len(diags) > 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	return c
}

func positions(c *load.Content, l diag.List) string {
	load.Locate(c.Root, l)
	l.Sort()
	var b strings.Builder
	for _, d := range l {
		sev := ""
		if d.Severity == diag.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s%s: %s\n", d.File, d.Line, d.Col, sev, d.Code, d.Message)
	}
	return b.String()
}

func TestOverdue(t *testing.T) {
	sch := defaultSchema(t)
	files := map[string]string{"content/minutes/m.md": `+++
title = "M"
date = 2026-01-01
rapporteur = "ana"

[[actions]]
task = "open by default, overdue"
due = 2026-11-22

[[actions]]
task = "open, due today"
due = 2026-11-23
status = "open"

[[actions]]
task = "done"
due = 2020-01-01
status = "done"

[[actions]]
task = "dropped"
due = 2020-01-01
status = "dropped"

[[actions]]
task = "open, overdue"
status = "open"
due = "2025-12-31"

[[actions]]
task = "no date"
+++
`}
	tests := []struct {
		today time.Time
		want  string
	}{
		{date(2026, 11, 23), `content/minutes/m.md:8:7: warning: overdue: overdue: due 2026-11-22 has passed
content/minutes/m.md:28:7: warning: overdue: overdue: due 2025-12-31 has passed
`},
		{date(2026, 1, 1), "content/minutes/m.md:28:7: warning: overdue: overdue: due 2025-12-31 has passed\n"},
		// a time of day does not make today's date overdue, in any time zone
		{time.Date(2026, 11, 23, 23, 59, 0, 0, time.UTC), "content/minutes/m.md:8:7: warning: overdue: overdue: due 2026-11-22 has passed\ncontent/minutes/m.md:28:7: warning: overdue: overdue: due 2025-12-31 has passed\n"},
		{time.Date(2026, 11, 23, 23, 0, 0, 0, time.FixedZone("UTC-8", -8*3600)), "content/minutes/m.md:8:7: warning: overdue: overdue: due 2026-11-22 has passed\ncontent/minutes/m.md:28:7: warning: overdue: overdue: due 2025-12-31 has passed\n"},
		{time.Time{}, ""}, // no Today: no warnings
	}
	for _, tt := range tests {
		c := content(t, sch, files)
		diags, err := validate.Entries(context.Background(), c, sch, validate.Options{Today: tt.today})
		if err != nil {
			t.Fatal(err)
		}
		if got := positions(c, diags); got != tt.want {
			t.Errorf("today %s:\n%s\nwant:\n%s", tt.today.Format(time.DateOnly), got, tt.want)
		}
		for _, d := range diags {
			if d.Found != `status = "open"` || d.Hint != "update the status, or set a new date" {
				t.Errorf("overdue details: found %q, hint %q", d.Found, d.Hint)
			}
		}
	}
}

func TestEntriesReplacesFields(t *testing.T) {
	sch := defaultSchema(t)
	c := content(t, sch, map[string]string{
		"content/governance/r.toml": "title = \"R\"\ncategory = \"roles\"\nadopted = \"2024-01-02\"\nbogus = 1\n",
	})
	diags, err := validate.Entries(context.Background(), c, sch, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := positions(c, diags); got != "content/governance/r.toml:4:1: unknown-key: unknown field \"bogus\" in a rule\n" {
		t.Errorf("got %s", got)
	}
	f := c.Entries[0].Fields
	if f["adopted"] != date(2024, 1, 2) || f["status"] != "active" || f["bogus"] != nil {
		t.Errorf("fields: %v", f)
	}
}

func TestUniqueAndReservedSlugs(t *testing.T) {
	member := `name = "member"
folder = "members"
title = "name"
[fields.name]
type = "string"
[fields.email]
type = "email"
unique = true
[fields.codes]
type = "list"
of = "string"
unique = true
`
	sch, sd := schema.Load(agora.DefaultSchema, fsOf(map[string]string{"member.toml": member}))
	if len(sd) > 0 {
		t.Fatal(sd)
	}
	c := content(t, sch, map[string]string{
		"content/members/a.toml":     "name = \"A\"\nemail = \"x@example.org\"\ncodes = [\"1\", \"2\", \"2\"]\n",
		"content/members/b.toml":     "name = \"B\"\nemail = \"x@example.org\"\ncodes = [\"3\", \"1\"]\n",
		"content/members/c.toml":     "name = \"C\"\nemail = \"X@example.org\"\ncodes = [7, \"2\"]\n",
		"content/members/d.toml":     "name = \"D\"\ncodes = [8, 9]\n", // two invalid items: no clash between them
		"content/pages/members.md":   "+++\ntitle = \"Members\"\n+++\n",
		"content/pages/search.md":    "+++\ntitle = \"Search\"\n+++\n",
		"content/pages/about.md":     "+++\ntitle = \"About\"\n+++\n",
		"content/topics/search.toml": "name = \"Search\"\n", // not at the root: fine
	})
	diags, err := validate.Entries(context.Background(), c, sch, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/members/b.toml:2:9: duplicate-value: email "x@example.org" is already used by content/members/a.toml
content/members/b.toml:3:15: duplicate-value: codes "1" is already used by content/members/a.toml
content/members/c.toml:3:10: wrong-type: codes, item 1: expected text in quotes, found a whole number
content/members/c.toml:3:13: duplicate-value: codes "2" is already used by content/members/a.toml
content/members/d.toml:2:10: wrong-type: codes, item 1: expected text in quotes, found a whole number
content/members/d.toml:2:13: wrong-type: codes, item 2: expected text in quotes, found a whole number
content/pages/members.md:0:0: reserved-slug: the slug "members" would take the site's own URL /members/
content/pages/search.md:0:0: reserved-slug: the slug "search" would take the site's own URL /search/
`
	if got := positions(c, diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func fsOf(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}
