package link_test

import (
	"context"
	"fmt"
	"math/rand/v2"
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

// Resolving entries on several goroutines must give what one gives: the
// same problems in the same order, edges, backlinks, orders and rewritten
// values, on a repository large enough to be split, with every kind of
// problem linking reports. Under -race it also checks that no worker
// writes what another reads.
func TestBuildOnSeveralGoroutinesMatchesOne(t *testing.T) {
	dir, sch := writeLargeRepository(t, 3000)
	one, oneDiags, oneContent := buildLarge(t, dir, sch, 1)
	many, manyDiags, manyContent := buildLarge(t, dir, sch, 4)

	codes := map[string]int{}
	for _, d := range oneDiags {
		codes[d.Code]++
	}
	for _, code := range []string{"dangling-ref", "wrong-ref-type", "draft-ref", "duplicate-alias", "cycle"} {
		if codes[code] < 3 {
			t.Errorf("only %d %s problems: the repository does not exercise them", codes[code], code)
		}
	}
	if i := firstDifference(oneDiags, manyDiags); i >= 0 {
		t.Fatalf("%d problems from one goroutine, %d from several; first difference at %d:\none:     %s\nseveral: %s",
			len(oneDiags), len(manyDiags), i, describe(oneDiags, i), describe(manyDiags, i))
	}

	if len(oneContent.Entries) != len(manyContent.Entries) {
		t.Fatalf("%d entries, then %d", len(oneContent.Entries), len(manyContent.Entries))
	}
	rewritten := 0
	fresh := loadLarge(t, dir, sch)
	for i, e := range oneContent.Entries {
		other := manyContent.Entries[i]
		if e.ID() != other.ID() {
			t.Fatalf("entry %d is %s, then %s", i, e.ID(), other.ID())
		}
		if got, want := edges(many.Refs(other)), edges(one.Refs(e)); got != want {
			t.Errorf("Refs(%s) on several goroutines:\n%s\non one:\n%s", e.ID(), got, want)
		}
		if got, want := edges(many.Backlinks(other)), edges(one.Backlinks(e)); got != want {
			t.Errorf("Backlinks(%s) on several goroutines:\n%s\non one:\n%s", e.ID(), got, want)
		}
		if !reflect.DeepEqual(other.Fields, e.Fields) {
			t.Errorf("%s: values on several goroutines %v, on one %v", e.ID(), other.Fields, e.Fields)
		}
		if !reflect.DeepEqual(e.Fields, fresh.Entries[i].Fields) {
			rewritten++
		}
	}
	if rewritten < 100 {
		t.Errorf("only %d entries had values rewritten to slugs", rewritten)
	}
	if got, want := slugs(many.Order("module", "prerequisites")), slugs(one.Order("module", "prerequisites")); got != want {
		t.Errorf("Order on several goroutines:\n%s\non one:\n%s", got, want)
	}
}

func buildLarge(t *testing.T, dir string, sch *schema.Schema, workers int) (*link.Graph, diag.List, *load.Content) {
	t.Helper()
	c := loadLarge(t, dir, sch)
	g, diags := link.BuildOn(c, sch, link.Options{}, workers)
	return g, diags, c
}

// loadLarge loads and validates the repository, leaving its problems
// aside: a few of its files are meant to be broken.
func loadLarge(t *testing.T, dir string, sch *schema.Schema) *load.Content {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	c, _, err := load.Load(context.Background(), root, sch, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := validate.Entries(context.Background(), c, sch, validate.Options{}); err != nil {
		t.Fatal(err)
	}
	return c
}

func firstDifference(a, b diag.List) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || !reflect.DeepEqual(a[i], b[i]) {
			return i
		}
	}
	return -1
}

func describe(l diag.List, i int) string {
	if i >= len(l) {
		return "(none)"
	}
	return fmt.Sprintf("%s %s %s: %s", l[i].File, l[i].Key, l[i].Code, l[i].Message)
}

// writeLargeRepository writes about n entries of every type with refs,
// chosen at random but the same each run: refs by slug and by alias in
// any case, to drafts, to nothing, to the wrong type and to broken files,
// aliases two topics share, prerequisite cycles, and refs in nested
// tables, lists of tables and a community type's object. That type's
// entries refer to each other and have a topic field that is not a list,
// whose value is rewritten in the entry's own table while other entries
// read it (its draft flag).
func writeLargeRepository(t *testing.T, n int) (string, *schema.Schema) {
	t.Helper()
	rnd := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sch, diags := schema.Load(agora.DefaultSchema, fstest.MapFS{"event.toml": {Data: []byte(`name = "event"
folder = "events"
title = "title"
[fields.title]
type = "string"
required = true
[fields.focus]
type = "topic"
[fields.follows]
type = "ref"
ref = "event"
[fields.venue]
type = "object"
[fields.venue.fields.name]
type = "string"
[fields.venue.fields.keeper]
type = "ref"
ref = "member"
[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.speaker]
type = "ref"
ref = "member"
[fields.sessions.fields.topics]
type = "list"
of = "topic"
`)}})
	if len(diags) > 0 {
		t.Fatalf("schema: %v", diags)
	}

	topics, members, modules := n/10, n/3, n/6
	draft := func() string {
		if rnd.IntN(25) == 0 {
			return "draft = true\n"
		}
		return ""
	}
	pick := func(kind string, count int) string {
		i := rnd.IntN(count)
		switch r := rnd.IntN(100); {
		case r < 2:
			return fmt.Sprintf("no-such-%s-%d", kind, i) // dangling
		case r < 3:
			return fmt.Sprintf("charter-%d", rnd.IntN(5)) // the wrong type
		case r < 4:
			return kind + "-broken"
		case kind == "topic" && r < 40:
			return fmt.Sprintf("Alias %d of Topic %d", rnd.IntN(2), i) // any case
		case kind == "topic" && r < 50:
			return fmt.Sprintf("TOPIC-%d", i)
		}
		return fmt.Sprintf("%s-%d", kind, i)
	}
	list := func(kind string, count, most int) string {
		var items []string
		for range rnd.IntN(most + 1) {
			items = append(items, fmt.Sprintf("%q", pick(kind, count)))
		}
		return "[" + strings.Join(items, ", ") + "]"
	}

	for i := range topics {
		aliases := fmt.Sprintf("[\"alias %d of topic %d\", \"ALIAS 1 OF TOPIC %d\"", 0, i, i)
		if i%50 == 7 {
			aliases += fmt.Sprintf(", \"alias 0 of topic %d\", \"topic-%d\"", i-1, i+1) // another's alias, another's slug
		}
		write(fmt.Sprintf("content/topics/topic-%d.toml", i), fmt.Sprintf("name = \"T%d\"\naliases = %s]\n%s", i, aliases, draft()))
	}
	write("content/topics/topic-broken.toml", "name = [\n")
	write("content/members/member-broken.md", "+++\nname = \"x\n+++\n")
	for i := range 5 {
		write(fmt.Sprintf("content/charters/charter-%d.toml", i), fmt.Sprintf("title = \"C\"\nadopted = 2024-01-01\nmission = \"M\"\nmembers = %s\n", list("member", members, 8)))
	}
	for i := range members {
		write(fmt.Sprintf("content/members/member-%d.toml", i), fmt.Sprintf("name = \"M%d\"\nkind = \"individual\"\noffers = %s\nneeds = %s\n%s",
			i, list("topic", topics, 4), list("topic", topics, 2), draft()))
	}
	for i := range modules {
		var prereqs []string
		for range rnd.IntN(3) {
			prereqs = append(prereqs, fmt.Sprintf("%q", fmt.Sprintf("module-%d", max(0, i-1-rnd.IntN(20)))))
		}
		if i%97 == 0 && i > 0 {
			prereqs = append(prereqs, fmt.Sprintf("\"module-%d\"", i+1)) // closes a cycle when i+1 names i
		}
		if i%97 == 1 && i > 1 {
			prereqs = append(prereqs, fmt.Sprintf("\"module-%d\"", i-1))
		}
		write(fmt.Sprintf("content/curriculum/module-%d.toml", i), fmt.Sprintf("title = \"Mod\"\nsummary = \"S\"\nauthors = %s\ntopics = %s\nprerequisites = [%s]\n%s",
			list("member", members, 3), list("topic", topics, 3), strings.Join(prereqs, ", "), draft()))
	}
	for i := range n / 4 {
		var actions strings.Builder
		for range rnd.IntN(4) {
			fmt.Fprintf(&actions, "\n[[actions]]\ntask = \"t\"\nowner = %q\n", pick("member", members))
		}
		write(fmt.Sprintf("content/minutes/minutes-%d.toml", i), fmt.Sprintf("title = \"Min\"\ndate = 2024-01-01\ncharter = %q\nrapporteur = %q\nattendees = %s\ntopics = %s\n%s%s",
			fmt.Sprintf("charter-%d", rnd.IntN(6)), pick("member", members), list("member", members, 10), list("topic", topics, 5), draft(), actions.String()))
	}
	for i := range n / 10 {
		var terms strings.Builder
		for range rnd.IntN(3) {
			fmt.Fprintf(&terms, "\n[[terms]]\nrole = \"r\"\nmember = %q\nfrom = 2024-01-01\n", pick("member", members))
		}
		write(fmt.Sprintf("content/governance/rule-%d.toml", i), fmt.Sprintf("title = \"R\"\ncategory = \"roles\"\nsupersedes = \"rule-%d\"\n%s%s",
			rnd.IntN(n/10+5), draft(), terms.String()))
	}
	for i := range n / 10 {
		var sessions strings.Builder
		for range rnd.IntN(3) {
			fmt.Fprintf(&sessions, "\n[[sessions]]\nspeaker = %q\ntopics = %s\n", pick("member", members), list("topic", topics, 2))
		}
		write(fmt.Sprintf("content/events/event-%d.toml", i), fmt.Sprintf("title = \"E\"\nfocus = %q\nfollows = \"event-%d\"\n%s\n[venue]\nname = \"V\"\nkeeper = %q\n%s",
			pick("topic", topics), rnd.IntN(n/10), draft(), pick("member", members), sessions.String()))
	}
	return dir, sch
}
