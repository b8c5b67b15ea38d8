package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// communityFields are fields of every kind, as a community adds them to a
// built-in type's schema file; each of the nine default types gets them
// all, and one entry of each a value for each.
const communityFields = `
[fields.x_note]
type = "string"
label = "Community note"
[fields.x_story]
type = "text"
label = "Community story"
[fields.x_count]
type = "int"
label = "Community count"
[fields.x_share]
type = "float"
label = "Community share"
[fields.x_public]
type = "bool"
label = "Community public"
[fields.x_reviewed]
type = "date"
label = "Community reviewed"
[fields.x_link]
type = "url"
label = "Community link"
[fields.x_contact]
type = "email"
label = "Community contact"
[fields.x_stage]
type = "enum"
values = ["seed", "grown"]
label = "Community stage"
[fields.x_theme]
type = "topic"
label = "Community theme"
[fields.x_partner]
type = "ref"
ref = "member"
label = "Community partner"
[fields.x_tags]
type = "list"
of = "string"
label = "Community tags"
[fields.x_budget]
type = "object"
label = "Community budget"
[fields.x_budget.fields.amount]
type = "int"
label = "Budget amount"
[fields.x_budget.fields.source]
type = "string"
label = "Budget source"
[fields.x_secret]
type = "string"
private = true
label = "Community secret"
`

const communityValues = `x_note = "a note of ours"
x_story = "first line of the story\nsecond line of the story"
x_count = 4217
x_share = 2.75
x_public = true
x_reviewed = 2026-01-15
x_link = "https://ours.example.org/report"
x_contact = "hello@ours.example.org"
x_stage = "grown"
x_theme = "facilitation"
x_partner = "chan-sokha"
x_tags = ["uno", "dos"]
x_budget = { amount = 1200, source = "Fondo Común" }
x_secret = "PLANTED-SECRET-VALUE"
`

// builtinEntries are an entry of each default type, and the list of
// tables each type has, if any, to add a field to its items.
var builtinEntries = []struct{ schema, file, page, table string }{
	{"member", "members/red-mujeres-sonora.md", "members/red-mujeres-sonora/", ""},
	{"charter", "charters/network.md", "charters/network/", "goals"},
	{"rule", "governance/rotating-rapporteur.md", "governance/rotating-rapporteur/", "terms"},
	{"minutes", "minutes/2025-11-05-saltillo-learning-circle.md", "minutes/2025-11-05-saltillo-learning-circle/", "actions"},
	{"module", "curriculum/writing-useful-minutes.md", "curriculum/writing-useful-minutes/", "materials"},
	{"topic", "topics/facilitation.md", "topics/facilitation/", ""},
	{"page", "pages/about.md", "about/", ""},
	{"exchange", "exchanges/digital-security-clinic.md", "exchanges/digital-security-clinic/", ""},
	{"assessment", "assessments/altai-craft-women-oca-2025.md", "assessments/altai-craft-women-oca-2025/", "scores"},
}

// TestCommunityFieldsOnBuiltinTypes: a field a community adds to any of
// the nine default types, of any kind, is published on the entry's page
// with its label and formatted from the schema (dates as dates, refs and
// topics as links, urls, emails, lists, nested tables), as is a field it
// adds to the items of a type's list of tables; a private one is
// published nowhere.
func TestCommunityFieldsOnBuiltinTypes(t *testing.T) {
	src := exampletest.Copy(t, nil)
	for _, b := range builtinEntries {
		schemaFile := filepath.Join(src, "schema", b.schema+".toml")
		own, err := os.ReadFile(filepath.Join(exampletest.Root(), "schema", b.schema+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		extra := communityFields
		if b.table != "" {
			extra += "\n[fields." + b.table + ".fields.x_detail]\ntype = \"string\"\nlabel = \"Item detail\"\n"
		}
		os.MkdirAll(filepath.Dir(schemaFile), 0o755)
		if err := os.WriteFile(schemaFile, append(own, extra...), 0o644); err != nil {
			t.Fatal(err)
		}
		entry := filepath.Join(src, "content", filepath.FromSlash(b.file))
		text, err := os.ReadFile(entry)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.Replace(string(text), "+++\n", "+++\n"+communityValues, 1)
		if b.table != "" {
			s = strings.Replace(s, "[["+b.table+"]]\n", "[["+b.table+"]]\nx_detail = \"detail of the first item\"\n", 1)
		}
		if err := os.WriteFile(entry, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	for _, b := range builtinEntries {
		page := read(t, filepath.Join(out, filepath.FromSlash(b.page), "index.html"))
		wants := []string{
			">Community note</dt>", "a note of ours",
			">Community story</dt>\n<dd class=\"text\">first line of the story\nsecond line of the story</dd>",
			">Community count</dt>\n<dd>4217</dd>",
			">Community share</dt>\n<dd>2.75</dd>",
			">Community public</dt>\n<dd>Yes</dd>",
			`>Community reviewed</dt>` + "\n" + `<dd><time datetime="2026-01-15">15 January 2026</time></dd>`,
			`<a href="https://ours.example.org/report">https://ours.example.org/report</a>`,
			`<a href="mailto:hello@ours.example.org">hello@ours.example.org</a>`,
			">Community stage</dt>\n<dd>grown</dd>",
			// Links relative to the page; the link checker follows them.
			">Community theme</dt>\n<dd><a href=\"", `">Facilitation</a></dd>`,
			">Community partner</dt>\n<dd><a href=\"", `">Chan Sokha</a></dd>`,
			">Community tags</dt>\n<dd>uno, dos</dd>",
			">Budget amount</dt>\n<dd>1200</dd>", "Fondo Común",
		}
		if b.table != "" {
			wants = append(wants, ">Item detail</dt>\n<dd>detail of the first item</dd>")
		}
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s (%s): the page lacks %q", b.page, b.schema, want)
			}
		}
		if strings.Contains(page, "Community secret") {
			t.Errorf("%s: the private field's label is on the page", b.page)
		}
	}
	if found, _ := grepOutput(t, out, []string{"planted-secret-value"}); len(found) > 0 {
		t.Errorf("the private community field was published: %v", found)
	}
}
