package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// TestCommunityTypeIsPublished adds a type (events) and a field
// (funding_sources on member) with no Go change: both are checked,
// published generically, labelled from the schema, and backlinked.
func TestCommunityTypeIsPublished(t *testing.T) {
	src := exampletest.Copy(t, nil)
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("schema/event.toml", `name = "event"
folder = "events"
title = "title"
description = "A public event hosted by a member."
sort = "-starts"

[fields.title]
type = "string"
required = true

[fields.starts]
type = "date"
required = true
label = "Starts"
description = "First day of the event."

[fields.host]
type = "ref"
ref = "member"
label = "Hosted by"
description = "The member who hosts the event."

[fields.topics]
type = "list"
of = "topic"

[fields.contact_phone]
type = "string"
private = true

[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.title]
type = "string"
required = true
label = "Session"
`)
	member, _ := os.ReadFile(filepath.Join(exampletest.Root(), "schema", "member.toml"))
	write("schema/member.toml", string(member)+`
[fields.funding_sources]
type = "list"
of = "string"
label = "Funding sources"
description = "Who funds the member's work."
`)
	write("content/events/water-fair.md", `+++
title = "Desert water fair"
starts = 2026-03-01
host = "red-mujeres-sonora"
topics = ["mediación"]
contact_phone = "+52 PRIVATE 0000"

[[sessions]]
title = "Rainwater harvesting clinic"
+++

A fair of **water** practices.
`)
	m := filepath.Join(src, "content", "members", "red-mujeres-sonora.md")
	b, _ := os.ReadFile(m)
	os.WriteFile(m, []byte(strings.Replace(string(b), "+++\n", "+++\nfunding_sources = [\"Fondo Semillas\"]\n", 1)), 0o644)

	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	list := read(t, filepath.Join(out, "events", "index.html"))
	if !strings.Contains(list, `href="water-fair/"`) || !strings.Contains(list, "Desert water fair") {
		t.Errorf("/events/ does not list the event:\n%s", list)
	}
	page := read(t, filepath.Join(out, "events", "water-fair", "index.html"))
	for _, want := range []string{
		"<h1>Desert water fair</h1>",
		`<dt title="The member who hosts the event.">Hosted by</dt>`,
		`<a href="../../members/red-mujeres-sonora/">Red de Mujeres del Desierto Sonorense A.C.</a>`,
		`<a href="../../topics/conflict-mediation/">`,
		"Rainwater harvesting clinic",
		"<strong>water</strong>",
		`<a href="../">Events</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %s", want)
		}
	}
	if strings.Contains(page, "PRIVATE") {
		t.Error("the private field was published")
	}
	host := read(t, filepath.Join(out, "members", "red-mujeres-sonora", "index.html"))
	if !strings.Contains(host, "Events — Hosted by") || !strings.Contains(host, `href="../../events/water-fair/"`) {
		t.Error("the member page has no backlink to the event")
	}
	if !strings.Contains(read(t, filepath.Join(out, "index.html")), `href="events/"`) {
		t.Error("the new type is not in the navigation")
	}
}

// TestThemeOverride picks a community theme in site.toml: its one file
// replaces the default's, every other file still comes from the default.
func TestThemeOverride(t *testing.T) {
	src := exampletest.Copy(t, nil)
	dir := filepath.Join(src, "themes", "cooperativa", "templates")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "topic.html"), []byte(`{{define "main"}}<h1 class="ours">{{.Title}}</h1>{{end}}`), 0o644)
	site := filepath.Join(src, "site.toml")
	b, _ := os.ReadFile(site)
	os.WriteFile(site, []byte(strings.Replace(string(b), `theme = "default"`, `theme = "cooperativa"`, 1)), 0o644)
	out, _ := buildSite(t, src, BuildOptions{})
	topic := read(t, filepath.Join(out, "topics", "facilitation", "index.html"))
	if !strings.Contains(topic, `<h1 class="ours">Facilitation</h1>`) {
		t.Error("the community's topic template was not used")
	}
	if !strings.Contains(topic, `<a class="brand"`) {
		t.Error("the default base layout was not kept")
	}
	if strings.Contains(read(t, filepath.Join(out, "members", "red-mujeres-sonora", "index.html")), `class="ours"`) {
		t.Error("the override leaked into other pages")
	}
}
