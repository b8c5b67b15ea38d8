package link_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// linked is a repository run through load, validate and link.
type linked struct {
	c     *load.Content
	g     *link.Graph
	diags diag.List // from link only, placed and sorted
}

// build writes files (slash paths; "schema/NAME.toml" are schema files),
// loads and validates them, failing on any problem, then links them.
func build(t *testing.T, files map[string]string, opts link.Options) *linked {
	t.Helper()
	dir := t.TempDir()
	own := fstest.MapFS{}
	for name, data := range files {
		if rest, ok := strings.CutPrefix(name, "schema/"); ok {
			own[rest] = &fstest.MapFile{Data: []byte(data)}
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sch, diags := schema.Load(agora.DefaultSchema, own)
	if len(diags) > 0 {
		t.Fatalf("schema: %v", diags)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	c, diags, err := load.Load(context.Background(), root, sch, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	vd, err := validate.Entries(context.Background(), c, sch, validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, vd...)
	if len(diags) > 0 {
		load.Locate(root, diags)
		t.Fatalf("load or validate: %s", format(diags))
	}
	g, ld := link.Build(c, sch, opts)
	load.Locate(root, ld)
	ld.Sort()
	return &linked{c, g, ld}
}

func format(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		sev := ""
		if d.Severity == diag.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s%s: %s", d.File, d.Line, d.Col, sev, d.Code, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(&b, " (fix: %s)", d.Hint)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (l *linked) entry(t *testing.T, typ, slug string) *load.Entry {
	t.Helper()
	e := l.g.Lookup(typ, slug)
	if e == nil {
		t.Fatalf("no %s %s", typ, slug)
	}
	return e
}

func slugs(entries []*load.Entry) string {
	var s []string
	for _, e := range entries {
		s = append(s, e.Slug)
	}
	return strings.Join(s, " ")
}

func edges(es []link.Edge) string {
	var s []string
	for _, e := range es {
		s = append(s, fmt.Sprintf("%s %s.%s -> %s", e.From.Type.Name, e.From.Slug, e.Key(), e.To.ID()))
	}
	return strings.Join(s, "\n")
}

func module(slug string, prereqs ...string) (string, string) {
	q := make([]string, len(prereqs))
	for i, p := range prereqs {
		q[i] = `"` + p + `"`
	}
	return "content/curriculum/" + slug + ".toml",
		fmt.Sprintf("title = %q\nsummary = \"S\"\nprerequisites = [%s]\n", strings.ToUpper(slug), strings.Join(q, ", "))
}

func TestOrderPrerequisitesFirst(t *testing.T) {
	files := map[string]string{}
	for _, m := range [][]string{
		{"a"}, {"b", "a"}, {"c", "a"}, {"d", "c", "b"}, {"e"}, {"z", "a"}, // a diamond and independent modules
		{"x", "y"}, {"y", "x"}, {"w", "x"}, // a cycle and a module depending on it
		{"m", "e", "e"}, // a prerequisite named twice
	} {
		name, data := module(m[0], m[1:]...)
		files[name] = data
	}
	l := build(t, files, link.Options{})
	if got, want := slugs(l.g.Order("module", "prerequisites")), "a b c d e m z w x y"; got != want {
		t.Errorf("Order = %s, want %s", got, want)
	}
	if got := format(l.diags); got != `content/curriculum/y.toml:3:18: cycle: prerequisites cycle: x → y → x (fix: remove "x" from the prerequisites of y)
` {
		t.Errorf("diagnostics:\n%s", got)
	}
	if got := l.g.Order("module", "authors"); got != nil {
		t.Errorf("Order of a field that is not acyclic = %v", slugs(got))
	}
	if got := slugs(l.g.Entries("module")); got != "a b c d e m w x y z" {
		t.Errorf("Entries = %s", got)
	}
}

func TestOrderIsStable(t *testing.T) {
	files := map[string]string{}
	// every module after "base", in reverse slug order of declaration
	for i := 9; i >= 0; i-- {
		name, data := module(fmt.Sprintf("m%d", i), "base")
		files[name] = data
	}
	name, data := module("base")
	files[name] = data
	for range 3 {
		l := build(t, files, link.Options{})
		if got := slugs(l.g.Order("module", "prerequisites")); got != "base m0 m1 m2 m3 m4 m5 m6 m7 m8 m9" {
			t.Fatalf("Order = %s", got)
		}
	}
}

func TestCycles(t *testing.T) {
	tests := []struct {
		name    string
		modules [][]string
		want    string
	}{
		{"three", [][]string{{"a", "b"}, {"b", "c"}, {"c", "a"}},
			"content/curriculum/c.toml:3:18: cycle: prerequisites cycle: a → b → c → a (fix: remove \"a\" from the prerequisites of c)\n"},
		{"self", [][]string{{"a", "a"}},
			"content/curriculum/a.toml:3:18: cycle: prerequisites cycle: a → a (fix: remove \"a\" from the prerequisites of a)\n"},
		{"two cycles", [][]string{{"a", "b"}, {"b", "a"}, {"c", "d"}, {"d", "c"}},
			"content/curriculum/b.toml:3:18: cycle: prerequisites cycle: a → b → a (fix: remove \"a\" from the prerequisites of b)\n" +
				"content/curriculum/d.toml:3:18: cycle: prerequisites cycle: c → d → c (fix: remove \"c\" from the prerequisites of d)\n"},
		{"a cycle entered from outside", [][]string{{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "b"}},
			"content/curriculum/d.toml:3:18: cycle: prerequisites cycle: b → c → d → b (fix: remove \"b\" from the prerequisites of d)\n"},
		{"no cycle in a diamond", [][]string{{"a", "b", "c"}, {"b", "d"}, {"c", "d"}, {"d"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for _, m := range tt.modules {
				name, data := module(m[0], m[1:]...)
				files[name] = data
			}
			l := build(t, files, link.Options{})
			if got := format(l.diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// community is a small repository touching every ref field of the
// default schema, plus a community type.
var community = map[string]string{
	"schema/event.toml": `name = "event"
folder = "events"
title = "title"
[fields.title]
type = "string"
required = true
[fields.host]
type = "ref"
ref = "member"
[fields.format]
type = "enum"
values = ["in-person", "virtual"]
default = "in-person"
[fields.contact]
type = "string"
private = true
[fields.topics]
type = "list"
of = "topic"
[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.title]
type = "string"
required = true
[fields.sessions.fields.speaker]
type = "ref"
ref = "member"
`,
	"content/members/ana.toml":               "name = \"Ana\"\nkind = \"individual\"\noffers = [\"MEDIACIÓN\", \"  Peer-Learning \"]\nneeds = [\"STRASSE\"]\n",
	"content/members/ben.toml":               "name = \"Ben\"\nkind = \"organization\"\n",
	"content/members/eve.toml":               "name = \"Eve\"\nkind = \"individual\"\n",
	"content/topics/conflict-mediation.toml": "name = \"Conflict mediation\"\naliases = [\"mediación\", \"Mediation\"]\n",
	"content/topics/peer-learning.toml":      "name = \"Peer learning\"\n",
	"content/topics/street-work.toml":        "name = \"Street work\"\naliases = [\"Straße\"]\n",
	"content/charters/circle.toml":           "title = \"Circle\"\nadopted = 2024-01-01\nmission = \"M\"\nmembers = [\"ana\", \"ben\"]\n",
	"content/minutes/m1.md": `+++
title = "First"
date = 2024-01-01
charter = "circle"
rapporteur = "ana"
facilitators = ["ben"]
attendees = ["ana", "ben", "eve"]
topics = ["Mediation", "peer-learning"]

[[actions]]
task = "x"
owner = "ana"

[[actions]]
task = "y"
owner = "ana"
+++
`,
	"content/minutes/m2.toml":       "title = \"Second\"\ndate = 2024-02-01\nrapporteur = \"ben\"\nattendees = [\"ana\"]\n",
	"content/curriculum/intro.toml": "title = \"Intro\"\nsummary = \"S\"\nauthors = [\"ana\", \"eve\"]\ntopics = [\"conflict-mediation\"]\n",
	"content/curriculum/next.toml":  "title = \"Next\"\nsummary = \"S\"\nauthors = [\"ana\"]\nprerequisites = [\"intro\"]\n",
	"content/governance/secretary.toml": `title = "Secretary"
category = "roles"
[[terms]]
role = "secretary"
member = "ana"
from = 2023-01-01
to = 2023-12-31
[[terms]]
role = "secretary"
member = "ana"
from = 2024-01-01
[[terms]]
role = "treasurer"
member = "eve"
from = 2024-01-01
`,
	"content/governance/newer.toml": "title = \"Newer\"\ncategory = \"roles\"\nsupersedes = \"secretary\"\n",
	"content/events/launch.toml": `title = "Launch"
host = "ben"
topics = ["mediation"]
[[sessions]]
title = "Welcome"
speaker = "ana"
[[sessions]]
title = "Close"
speaker = "ana"
`,
}

func TestFromAndBacklinks(t *testing.T) {
	l := build(t, community, link.Options{})
	if len(l.diags) > 0 {
		t.Fatalf("unexpected problems:\n%s", format(l.diags))
	}
	ana := l.entry(t, "member", "ana")
	tests := []struct {
		from, field string
		want        string
	}{
		{"minutes", "attendees", "m1 m2"},
		{"minutes", "rapporteur", "m1"},
		{"minutes", "facilitators", ""},
		{"minutes", "actions.owner", "m1"}, // twice in m1, listed once
		{"module", "authors", "intro next"},
		{"rule", "terms.member", "secretary"}, // two terms, listed once
		{"charter", "members", "circle"},
		{"event", "sessions.speaker", "launch"},
		{"event", "host", ""},
		{"minutes", "terms.member", ""}, // no such field
	}
	for _, tt := range tests {
		if got := slugs(l.g.From(ana, tt.from, tt.field)); got != tt.want {
			t.Errorf("From(ana, %s, %s) = %q, want %q", tt.from, tt.field, got, tt.want)
		}
	}
	ben := l.entry(t, "member", "ben")
	if got := slugs(l.g.From(ben, "event", "host")); got != "launch" {
		t.Errorf("From(ben, event, host) = %q", got)
	}
	if got := slugs(l.g.From(l.entry(t, "member", "eve"), "rule", "terms.member")); got != "secretary" {
		t.Errorf("From(eve, rule, terms.member) = %q", got)
	}
	want := `charter circle.members.0 -> member ana
event launch.sessions.0.speaker -> member ana
event launch.sessions.1.speaker -> member ana
member ana.offers.0 -> member ana
minutes m1.actions.0.owner -> member ana
minutes m1.actions.1.owner -> member ana
minutes m1.attendees.0 -> member ana
minutes m1.rapporteur -> member ana
minutes m2.attendees.0 -> member ana
module intro.authors.0 -> member ana
module next.authors.0 -> member ana
rule secretary.terms.0.member -> member ana
rule secretary.terms.1.member -> member ana`
	// (the line "member ana.offers.0" must not be there: offers point at topics)
	want = strings.Replace(want, "member ana.offers.0 -> member ana\n", "", 1)
	if got := edges(l.g.Backlinks(ana)); got != want {
		t.Errorf("Backlinks(ana):\n%s\nwant:\n%s", got, want)
	}
	launch := l.entry(t, "event", "launch")
	if got := edges(l.g.Refs(launch)); got != `event launch.host -> member ben
event launch.topics.0 -> topic conflict-mediation
event launch.sessions.0.speaker -> member ana
event launch.sessions.1.speaker -> member ana` {
		t.Errorf("Refs(launch):\n%s", got)
	}
	for _, e := range l.g.Refs(launch) {
		if e.From != launch || (e.Field() != "host" && e.Field() != "topics" && e.Field() != "sessions.speaker") {
			t.Errorf("edge %+v", e)
		}
	}
	if got := edges(l.g.Backlinks(l.entry(t, "rule", "secretary"))); got != "rule newer.supersedes -> rule secretary" {
		t.Errorf("Backlinks(secretary) = %s", got)
	}
	if got := slugs(l.g.From(l.entry(t, "topic", "conflict-mediation"), "member", "offers")); got != "ana" {
		t.Errorf("From(conflict-mediation, member, offers) = %q", got)
	}
	if got := slugs(l.g.From(l.entry(t, "module", "intro"), "module", "prerequisites")); got != "next" {
		t.Errorf("From(intro, module, prerequisites) = %q", got)
	}
}

func TestTopicsResolveToTheirSlug(t *testing.T) {
	l := build(t, community, link.Options{})
	ana := l.entry(t, "member", "ana")
	if got := ana.Fields["offers"]; !reflect.DeepEqual(got, []any{"conflict-mediation", "peer-learning"}) {
		t.Errorf("offers = %#v", got)
	}
	if got := ana.Fields["needs"]; !reflect.DeepEqual(got, []any{"street-work"}) {
		t.Errorf("needs = %#v (full case folding: STRASSE is Straße)", got)
	}
	m1 := l.entry(t, "minutes", "m1")
	if got := m1.Fields["topics"]; !reflect.DeepEqual(got, []any{"conflict-mediation", "peer-learning"}) {
		t.Errorf("minutes topics = %#v", got)
	}
	if got := l.entry(t, "event", "launch").Fields["topics"]; !reflect.DeepEqual(got, []any{"conflict-mediation"}) {
		t.Errorf("event topics = %#v", got)
	}
	for value, want := range map[string]string{
		"MEDIACIÓN": "conflict-mediation", "Mediación": "conflict-mediation", "mediation": "conflict-mediation",
		"Conflict-Mediation": "conflict-mediation", " straße ": "street-work", "STRASSE": "street-work",
		"peer-learning": "peer-learning", "mediacion": "", "": "",
	} {
		e := l.g.Lookup("topic", value)
		got := ""
		if e != nil {
			got = e.Slug
		}
		if got != want {
			t.Errorf("Lookup(topic, %q) = %q, want %q", value, got, want)
		}
	}
	// refs to types without aliases match the slug exactly
	if l.g.Lookup("member", "ana") == nil || l.g.Lookup("member", "Ana") != nil || l.g.Lookup("nothing", "ana") != nil {
		t.Error("member lookups ignore case, or an unknown type finds something")
	}
}

func TestDrafts(t *testing.T) {
	files := map[string]string{
		"content/members/ana.toml":  "name = \"Ana\"\nkind = \"individual\"\ndraft = true\n",
		"content/members/ben.toml":  "name = \"Ben\"\nkind = \"individual\"\n",
		"content/topics/t.toml":     "name = \"T\"\naliases = [\"Tee\"]\ndraft = true\n",
		"content/minutes/pub.toml":  "title = \"P\"\ndate = 2024-01-01\nrapporteur = \"ben\"\nattendees = [\"ana\", \"ben\"]\ntopics = [\"tee\"]\n",
		"content/minutes/priv.toml": "title = \"D\"\ndate = 2024-01-01\nrapporteur = \"ana\"\nattendees = [\"ben\"]\ndraft = true\n",
	}
	l := build(t, files, link.Options{})
	want := `content/minutes/pub.toml:4:14: warning: draft-ref: attendees refers to member ana, a draft, which is not published (fix: publish content/members/ana.toml (remove draft = true) or remove the reference)
content/minutes/pub.toml:5:11: warning: draft-ref: topics refers to topic t, a draft, which is not published (fix: publish content/topics/t.toml (remove draft = true) or remove the reference)
`
	if got := format(l.diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	ana, ben := l.entry(t, "member", "ana"), l.entry(t, "member", "ben")
	pub, priv := l.entry(t, "minutes", "pub"), l.entry(t, "minutes", "priv")
	if got := edges(l.g.Refs(pub)); got != "minutes pub.rapporteur -> member ben\nminutes pub.attendees.1 -> member ben" {
		t.Errorf("Refs(pub):\n%s", got)
	}
	if len(l.g.Backlinks(ana)) != 0 || len(l.g.Refs(priv)) != 0 {
		t.Errorf("edges to or from drafts: %s / %s", edges(l.g.Backlinks(ana)), edges(l.g.Refs(priv)))
	}
	if got := slugs(l.g.From(ben, "minutes", "attendees")); got != "pub" {
		t.Errorf("From(ben, minutes, attendees) = %q", got)
	}
	if got := pub.Fields["topics"]; !reflect.DeepEqual(got, []any{"t"}) {
		t.Errorf("a topic that is a draft still resolves to its slug: %#v", got)
	}

	// with --drafts every edge is kept and nothing is warned about
	l = build(t, files, link.Options{Drafts: true})
	if len(l.diags) > 0 {
		t.Errorf("with Drafts:\n%s", format(l.diags))
	}
	ana, ben = l.entry(t, "member", "ana"), l.entry(t, "member", "ben")
	if got := slugs(l.g.From(ana, "minutes", "attendees")); got != "pub" {
		t.Errorf("From(ana, minutes, attendees) = %q", got)
	}
	if got := slugs(l.g.From(ana, "minutes", "rapporteur")); got != "priv" {
		t.Errorf("From(ana, minutes, rapporteur) = %q", got)
	}
	if got := slugs(l.g.From(ben, "minutes", "attendees")); got != "priv pub" {
		t.Errorf("From(ben, minutes, attendees) = %q", got)
	}
}

func TestDanglingRefs(t *testing.T) {
	files := map[string]string{
		"content/members/ana-lopez.toml":   "name = \"Ana\"\nkind = \"individual\"\noffers = [\"facilitaton\", \"astrophysics\", \"ana-lopez\"]\n",
		"content/members/broken.md":        "+++\nname = \"x\n+++\n",
		"content/topics/facilitation.toml": "name = \"F\"\naliases = [\"Facilitación\"]\n",
		"content/topics/bad.toml":          "name = [\n",
		"content/charters/network.toml":    "title = \"N\"\nadopted = 2024-01-01\nmission = \"M\"\nmembers = [\"ana-lopes\", \"broken\", \"network\"]\n",
		"content/minutes/m.toml":           "title = \"M\"\ndate = 2024-01-01\nrapporteur = \"Ana-Lopez\"\ncharter = \"circle\"\ntopics = [\"Facilitacion\", \"bad\"]\n",
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	sch, _ := schema.Load(agora.DefaultSchema, nil)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	c, _, err := load.Load(context.Background(), root, sch, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := validate.Entries(context.Background(), c, sch, validate.Options{}); err != nil {
		t.Fatal(err)
	}
	_, diags := link.Build(c, sch, link.Options{})
	load.Locate(root, diags)
	diags.Sort()
	want := `content/charters/network.toml:4:12: dangling-ref: members: no member "ana-lopes" (fix: did you mean "ana-lopez"?)
content/charters/network.toml:4:35: wrong-ref-type: members: "network" is a charter, but members must name a member
content/members/ana-lopez.toml:3:11: dangling-ref: offers: no topic "facilitaton" (fix: did you mean "facilitation"?; bad could not be read and may define it)
content/members/ana-lopez.toml:3:26: dangling-ref: offers: no topic "astrophysics" (fix: create content/topics/astrophysics.md, or correct the name; bad could not be read and may define it)
content/members/ana-lopez.toml:3:42: wrong-ref-type: offers: "ana-lopez" is a member, but offers must name a topic
content/minutes/m.toml:3:14: dangling-ref: rapporteur: no member "Ana-Lopez" (fix: did you mean "ana-lopez"?)
content/minutes/m.toml:4:11: dangling-ref: charter: no charter "circle" (fix: create content/charters/circle.md, or correct the name)
content/minutes/m.toml:5:11: dangling-ref: topics: no topic "Facilitacion" (fix: did you mean "facilitation"?; bad could not be read and may define it)
`
	if got := format(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, d := range diags {
		if d.Code == "dangling-ref" && d.Allowed == "" {
			t.Errorf("%s: no allowed", d.Message)
		}
	}
}

func TestDuplicateAliases(t *testing.T) {
	l := build(t, map[string]string{
		"content/topics/a.toml":         "name = \"A\"\naliases = [\"Mediación\", \"a\", \"A\"]\n", // its own slug: fine
		"content/topics/b.toml":         "name = \"B\"\naliases = [\"MEDIACIÓN\", \"c\", \"Other\"]\n",
		"content/topics/c.toml":         "name = \"C\"\naliases = [\"other\", \"ΣΟΦΊΑ\"]\n",
		"content/topics/d.toml":         "name = \"D\"\naliases = [\"σοφία\"]\n",
		"content/members/m.toml":        "name = \"M\"\nkind = \"individual\"\noffers = [\"mediación\", \"other\", \"σοφια\"]\n",
		"content/curriculum/intro.toml": "title = \"I\"\nsummary = \"S\"\ntopics = [\"Σοφία\"]\n",
	}, link.Options{})
	want := `content/members/m.toml:3:33: dangling-ref: offers: no topic "σοφια" (fix: did you mean "ΣΟΦΊΑ"?)
content/topics/b.toml:2:12: duplicate-alias: alias "MEDIACIÓN" is already an alias of topic "a" (fix: remove the alias from one of content/topics/a.toml and content/topics/b.toml)
content/topics/b.toml:2:25: duplicate-alias: alias "c" is already the slug of topic "c" (fix: remove the alias from one of content/topics/c.toml and content/topics/b.toml)
content/topics/c.toml:2:12: duplicate-alias: alias "other" is already an alias of topic "b" (fix: remove the alias from one of content/topics/b.toml and content/topics/c.toml)
content/topics/d.toml:2:12: duplicate-alias: alias "σοφία" is already an alias of topic "c" (fix: remove the alias from one of content/topics/c.toml and content/topics/d.toml)
`
	if got := format(l.diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// the first entry (by slug) keeps a clashing alias
	m := l.entry(t, "member", "m")
	if got := m.Fields["offers"]; !reflect.DeepEqual(got, []any{"a", "b", "σοφια"}) {
		t.Errorf("offers = %#v", got)
	}
	if got := l.entry(t, "module", "intro").Fields["topics"]; !reflect.DeepEqual(got, []any{"c"}) {
		t.Errorf("topics = %#v", got)
	}
}

// Build fills every backlink list in one array cut to size: each list
// must be full to its capacity, so that appending to one (as Update
// does) cannot write into its neighbour, and hold what linking the
// entries one at a time gives.
func TestBuildBacklinksAreCutToSizeAndMatchLinking(t *testing.T) {
	l := build(t, community, link.Options{})
	sch, _ := schema.Load(agora.DefaultSchema, fstest.MapFS{})
	one := link.Link(l.c, sch, link.Options{}).Graph
	for _, e := range l.c.Entries {
		back := l.g.Backlinks(e)
		if cap(back) != len(back) {
			t.Errorf("Backlinks(%s): %d edges in a list of capacity %d", e.ID(), len(back), cap(back))
		}
		if got, want := edges(back), edges(one.Backlinks(e)); got != want {
			t.Errorf("Backlinks(%s) from Build:\n%s\nfrom Link:\n%s", e.ID(), got, want)
		}
		if got, want := edges(l.g.Refs(e)), edges(one.Refs(e)); got != want {
			t.Errorf("Refs(%s) from Build:\n%s\nfrom Link:\n%s", e.ID(), got, want)
		}
	}
}
