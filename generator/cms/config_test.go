package cms_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/cms"
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/schema"
)

var update = flag.Bool("update", false, "rewrite testdata/example.config.yml")

// exampleSite is the example community's site.toml with the editor on.
func exampleSite(t *testing.T) *config.Site {
	t.Helper()
	root, err := os.OpenRoot("../..")
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	site, diags := config.Load(root)
	if len(diags) > 0 {
		t.Fatalf("site.toml: %v", diags)
	}
	site.CMS.Enabled = true
	return site
}

func loadSchema(t *testing.T, own map[string]string) *schema.Schema {
	t.Helper()
	var fsys = os.DirFS(t.TempDir())
	if own != nil {
		dir := t.TempDir()
		for name, src := range own {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fsys = os.DirFS(dir)
	}
	s, diags := schema.Load(agora.DefaultSchema, fsys)
	if len(diags) > 0 {
		t.Fatalf("schema: %v", diags)
	}
	return s
}

// sveltiaSchema is the JSON Schema of Sveltia CMS's configuration, as
// the pinned package publishes it (schema/sveltia-cms.json; the browser
// suite checks that this copy is the installed package's).
func sveltiaSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sveltia-cms.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sveltia-cms.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sveltia-cms.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// decode reads config.yml as YAML (not as the JSON its strings look
// like) into JSON values.
func decode(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatalf("config.yml is not YAML: %v\n%s", err, data)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestExampleConfigGolden(t *testing.T) {
	got, err := cms.ConfigYAML(exampleSite(t), loadSchema(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/example.config.yml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("config.yml differs from %s (go test ./generator/cms -update, then review the diff)", golden)
	}
}

// TestConfigMatchesSveltiaSchema checks the generated configuration
// against the options Sveltia CMS documents, for the example and for
// a site in three languages with a community type.
func TestConfigMatchesSveltiaSchema(t *testing.T) {
	sch := sveltiaSchema(t)
	site := exampleSite(t)
	for _, tt := range []struct {
		name      string
		languages []string
		own       map[string]string
	}{
		{"example", nil, nil},
		{"three languages, a community type", []string{"en", "es", "mn"}, map[string]string{"event.toml": eventSchema}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := *site
			if tt.languages != nil {
				s.Languages = tt.languages
			}
			data, err := cms.ConfigYAML(&s, loadSchema(t, tt.own))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(decode(t, data)); err != nil {
				t.Errorf("config.yml does not match Sveltia CMS's schema: %v", err)
			}
		})
	}
	// The check can fail: an option the CMS does not know is refused.
	bad := []byte("backend:\n  name: github\n  repo: a/b\ncollections:\n- name: x\n  folder: content/x\n  fields:\n  - name: t\n    widget: string\n    requried: true\n")
	if err := sch.Validate(decode(t, bad)); err == nil {
		t.Error("a misspelled option passed Sveltia CMS's schema")
	}
}

const eventSchema = `name = "event"
folder = "events"
title = "title"
label = "Events"
description = "A gathering a member hosts."

[fields.title]
type = "string"
required = true

[fields.capacity]
type = "int"
min = 1
max = 500
description = "How many people fit."

[fields.host]
type = "ref"
ref = "member"

[fields.contact_phone]
type = "string"
private = true
description = "Who to call on the day."

[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.title]
type = "string"
required = true
[fields.sessions.fields.room]
type = "string"
translatable = false
`

// collectionOf finds a collection of the decoded config by name.
func collectionOf(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	for _, c := range doc["collections"].([]any) {
		if c := c.(map[string]any); c["name"] == name {
			return c
		}
	}
	t.Fatalf("no collection %q", name)
	return nil
}

func fieldOf(t *testing.T, fields any, name string) map[string]any {
	t.Helper()
	for _, f := range fields.([]any) {
		if f := f.(map[string]any); f["name"] == name {
			return f
		}
	}
	t.Fatalf("no field %q", name)
	return nil
}

func yamlDoc(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestCommunityTypeAndField: a type and a field a community adds in
// schema/ become a collection and a widget, with no change to Go code.
func TestCommunityTypeAndField(t *testing.T) {
	site := exampleSite(t)
	site.Languages = []string{"en", "es"}
	data, err := cms.ConfigYAML(site, loadSchema(t, map[string]string{"event.toml": eventSchema}))
	if err != nil {
		t.Fatal(err)
	}
	doc := yamlDoc(t, data)
	events := collectionOf(t, doc, "event")
	for key, want := range map[string]any{"folder": "content/events", "label": "Events", "identifier_field": "title",
		"slug": "{{title}}", "format": "toml-frontmatter", "frontmatter_delimiter": "+++", "extension": "md", "i18n": true} {
		if events[key] != want {
			t.Errorf("events %s = %v, want %v", key, events[key], want)
		}
	}
	capacity := fieldOf(t, events["fields"], "capacity")
	if capacity["widget"] != "number" || capacity["value_type"] != "int" || capacity["min"] != 1 || capacity["max"] != 500 ||
		capacity["required"] != false || capacity["hint"] != "How many people fit." {
		t.Errorf("capacity: %v", capacity)
	}
	host := fieldOf(t, events["fields"], "host")
	if host["widget"] != "relation" || host["collection"] != "member" || host["value_field"] != "{{slug}}" {
		t.Errorf("host: %v", host)
	}
	phone := fieldOf(t, events["fields"], "contact_phone")
	if hint, _ := phone["hint"].(string); !strings.HasPrefix(hint, "Private: never published") || !strings.HasSuffix(hint, "Who to call on the day.") {
		t.Errorf("a private field's hint: %q", hint)
	}
	// Translations restate only translatable fields (content model v2).
	if phone["i18n"] != false || fieldOf(t, events["fields"], "title")["i18n"] != true || capacity["i18n"] != false {
		t.Errorf("i18n: phone %v, title %v, capacity %v", phone["i18n"], fieldOf(t, events["fields"], "title")["i18n"], capacity["i18n"])
	}
	sessions := fieldOf(t, events["fields"], "sessions")
	if sessions["widget"] != "list" || sessions["i18n"] != true || fieldOf(t, sessions["fields"], "room")["i18n"] != false ||
		fmt.Sprint(fieldOf(t, sessions["fields"], "title")["required"]) != "[en]" {
		t.Errorf("sessions: %v", sessions)
	}
	i18n := doc["i18n"].(map[string]any)
	if i18n["structure"] != "multiple_files" || i18n["default_locale"] != "en" || i18n["omit_default_locale_from_file_path"] != true ||
		len(i18n["locales"].([]any)) != 2 {
		t.Errorf("i18n: %v", i18n)
	}
	if doc["publish_mode"] != "editorial_workflow" {
		t.Errorf("publish_mode = %v", doc["publish_mode"])
	}
}

// TestOneLanguageNoI18n: a site in one language has no i18n options.
func TestOneLanguageNoI18n(t *testing.T) {
	site := exampleSite(t)
	site.Languages = []string{site.Language}
	data, err := cms.ConfigYAML(site, loadSchema(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if doc := yamlDoc(t, data); doc["i18n"] != nil || collectionOf(t, doc, "member")["i18n"] != nil ||
		bytes.Contains(data, []byte("i18n")) {
		t.Errorf("i18n in a one-language site's config")
	}
}

// TestSlugsOfSharedTitles: a type named by an untranslated title (an
// assessment's instrument, the same for many entries) names its files by
// its required refs, the title and its date, so that two rounds of one
// instrument, or two members assessed with it, do not collide; a type
// with a title of its own is named by it.
func TestSlugsOfSharedTitles(t *testing.T) {
	data, err := cms.ConfigYAML(exampleSite(t), loadSchema(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	doc := yamlDoc(t, data)
	for name, want := range map[string]string{
		"assessment": "{{member}}-{{instrument}}-{{date}}",
		"member":     "{{name}}",
		"minutes":    "{{title}}",
		"exchange":   "{{title}}",
	} {
		if got := collectionOf(t, doc, name)["slug"]; got != want {
			t.Errorf("%s: slug %v, want %v", name, got, want)
		}
	}
}

// TestFolderCollections: a type with image or file fields has a second
// collection, of its entries written as folders, whose uploads go into
// the entry's own folder; a type without has none.
func TestFolderCollections(t *testing.T) {
	data, err := cms.ConfigYAML(exampleSite(t), loadSchema(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	doc := yamlDoc(t, data)
	for _, name := range []string{"member", "minutes", "module"} {
		files := collectionOf(t, doc, name)
		folders := collectionOf(t, doc, name+"-folders")
		if files["path"] != nil || folders["path"] != "{{slug}}/index" || folders["folder"] != files["folder"] ||
			folders["media_folder"] != "" || folders["public_folder"] != "" {
			t.Errorf("%s: path %v and %v, folder %v, media %q %q", name, files["path"], folders["path"], folders["folder"], folders["media_folder"], folders["public_folder"])
		}
	}
	logo := fieldOf(t, collectionOf(t, doc, "member-folders")["fields"], "logo")
	if src := fieldOf(t, logo["fields"], "src"); src["widget"] != "image" {
		t.Errorf("a folder entry's logo is uploaded: %v", src)
	}
	if src := fieldOf(t, fieldOf(t, collectionOf(t, doc, "member")["fields"], "logo")["fields"], "src"); src["widget"] != "string" {
		t.Errorf("a single-file entry's logo names a file: %v", src)
	}
	for _, c := range doc["collections"].([]any) {
		if name := c.(map[string]any)["name"]; name == "topic-folders" {
			t.Error("a type without image or file fields has a folder collection")
		}
	}
}
