package cms

import (
	"testing"
	"testing/fstest"

	"github.com/agora-community/agora"

	"github.com/agora-community/agora/generator/schema"
)

// sample is a community type with a field of every kind the schema
// language has, alone and in lists.
const sample = `name = "sample"
folder = "samples"
title = "title"
[fields.title]
type = "string"
required = true
[fields.notes]
type = "text"
[fields.count]
type = "int"
min = 1
[fields.share]
type = "float"
min = 0
max = 1
[fields.open]
type = "bool"
[fields.day]
type = "date"
[fields.site]
type = "url"
[fields.mail]
type = "email"
[fields.state]
type = "enum"
values = ["open", "done"]
default = "open"
[fields.topic]
type = "topic"
[fields.owner]
type = "ref"
ref = "member"
[fields.code]
type = "string"
pattern = "[A-Z]{2}"
[fields.tags]
type = "list"
of = "string"
[fields.topics]
type = "list"
of = "topic"
[fields.states]
type = "list"
of = "enum"
values = ["a", "b"]
[fields.place]
type = "object"
[fields.place.fields.city]
type = "string"
[fields.steps]
type = "list"
of = "object"
[fields.steps.fields.task]
type = "string"
required = true
[fields.logo]
type = "image"
[fields.report]
type = "file"
`

func sampleType(t *testing.T) (*schema.Type, *schema.Schema) {
	t.Helper()
	sch, diags := schema.Load(agora.DefaultSchema, fstest.MapFS{"sample.toml": {Data: []byte(sample)}})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return sch.Type("sample"), sch
}

// TestEveryKindHasAWidget: each kind of the schema language (and the
// v2 image and file kinds of entry folders) maps to the widget that
// writes what agora check accepts.
func TestEveryKindHasAWidget(t *testing.T) {
	typ, sch := sampleType(t)
	want := map[schema.Kind]string{
		schema.String: "string", schema.Text: "text", schema.Int: "number", schema.Float: "number", schema.Bool: "boolean",
		schema.Date: "datetime", schema.URL: "string", schema.Email: "string", schema.Enum: "select",
		schema.Topic: "relation", schema.Ref: "relation", schema.List: "list", schema.Object: "object",
		schema.Image: "object", schema.File: "object",
	}
	seen := map[schema.Kind]bool{}
	for _, f := range typ.Fields {
		if f.Builtin {
			continue
		}
		seen[f.Kind] = true
		w := widget(f, sch, form{})
		if got := widgetName(w); got != want[f.Kind] && !(f.Kind == schema.List && (got == "relation" || got == "select")) {
			t.Errorf("%s (%s): widget %q, want %q", f.Name, f.Kind, got, want[f.Kind])
		}
		if option(w, "required") != f.Required {
			t.Errorf("%s: required = %v (Sveltia's default is true, so false must be said)", f.Name, option(w, "required"))
		}
	}
	for _, k := range schema.Kinds {
		if !seen[k] {
			t.Errorf("kind %s: no field of the sample type; add one", k)
		}
		if _, ok := want[k]; !ok {
			t.Errorf("kind %s: no widget expected; add it to this test and to widgets.go", k)
		}
	}
	for _, k := range []schema.Kind{schema.Image, schema.File} {
		if got := widgetName(widget(&schema.Field{Name: "f", Label: "F", Kind: k}, sch, form{})); got != want[k] {
			t.Errorf("kind %s: widget %q", k, got)
		}
	}
}

func widgetName(m mapping) string {
	s, _ := option(m, "widget").(string)
	return s
}

func option(m mapping, key string) any {
	for _, p := range m {
		if p.key == key {
			return p.value
		}
	}
	return nil
}

func TestWidgetOptions(t *testing.T) {
	typ, sch := sampleType(t)
	for _, tt := range []struct {
		field string
		want  map[string]any
	}{
		{"day", map[string]any{"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}},
		{"count", map[string]any{"widget": "number", "value_type": "int", "min": 1.0}},
		{"share", map[string]any{"widget": "number", "value_type": "float", "min": 0.0, "max": 1.0}},
		{"site", map[string]any{"widget": "string", "type": "url"}},
		{"mail", map[string]any{"widget": "string", "type": "email"}},
		{"state", map[string]any{"widget": "select", "default": "open"}},
		{"owner", map[string]any{"widget": "relation", "collection": "member", "value_field": "{{slug}}"}},
		{"topics", map[string]any{"widget": "relation", "collection": "topic", "multiple": true}},
		{"states", map[string]any{"widget": "select", "multiple": true}},
		{"tags", map[string]any{"widget": "list"}},
		{"steps", map[string]any{"widget": "list"}},
		{"place", map[string]any{"widget": "object"}},
	} {
		t.Run(tt.field, func(t *testing.T) {
			w := widget(typ.Lookup(tt.field), sch, form{})
			for k, v := range tt.want {
				if got := option(w, k); got != v {
					t.Errorf("%s = %v, want %v (%v)", k, got, v, w)
				}
			}
		})
	}
	topic := widget(typ.Lookup("topic"), sch, form{})
	if got := option(topic, "search_fields").([]any); len(got) != 2 || got[0] != "name" || got[1] != "aliases" {
		t.Errorf("a topic is searched by name and aliases: %v", got)
	}
	if got := option(topic, "display_fields").([]any); len(got) != 1 || got[0] != "name" {
		t.Errorf("a topic shows its name: %v", got)
	}
	if p := option(widget(typ.Lookup("code"), sch, form{}), "pattern").([]any); p[0] != `^(?:[A-Z]{2})$` {
		t.Errorf("pattern: %v", p)
	}
	tags := option(widget(typ.Lookup("tags"), sch, form{}), "field").(mapping)
	if widgetName(tags) != "string" {
		t.Errorf("a list of strings is a list of string inputs: %v", tags)
	}
	steps := option(widget(typ.Lookup("steps"), sch, form{}), "fields").([]any)
	if task := steps[0].(mapping); option(task, "name") != "task" || option(task, "required") != true {
		t.Errorf("a list of tables lists its fields: %v", steps)
	}
	img := option(widget(&schema.Field{Name: "logo", Kind: schema.Image}, sch, form{}), "fields").([]any)
	if widgetName(img[0].(mapping)) != "string" || option(img[0].(mapping), "name") != "src" || option(img[1].(mapping), "name") != "alt" ||
		option(img[1].(mapping), "required") != nil { // alt: required, Sveltia's default
		t.Errorf("an image is { src, alt }: %v", img)
	}
	file := option(widget(&schema.Field{Name: "report", Kind: schema.File}, sch, form{}), "fields").([]any)
	if widgetName(file[0].(mapping)) != "string" || option(file[1].(mapping), "name") != "title" || option(file[1].(mapping), "required") != false {
		t.Errorf("a file is { src, title }: %v", file)
	}
	// Translated (translatable = true, a site in several languages): the
	// text is each language's, the file the original's.
	for _, f := range []*schema.Field{{Name: "logo", Kind: schema.Image, Translatable: true}, {Name: "report", Kind: schema.File, Translatable: true}} {
		w := widget(f, sch, form{multi: "en"})
		inputs := option(w, "fields").([]any)
		if option(w, "i18n") != true || option(inputs[0].(mapping), "i18n") != "duplicate" || option(inputs[1].(mapping), "i18n") != true {
			t.Errorf("a translated %s: the text per language, the file duplicated: %v", f.Kind, w)
		}
	}
	if inputs := option(widget(&schema.Field{Name: "logo", Kind: schema.Image}, sch, form{multi: "en"}), "fields").([]any); option(inputs[0].(mapping), "i18n") != nil {
		t.Errorf("an image not translated is the original's, with no i18n of its inputs: %v", inputs)
	}
}

// TestFilesKeepTheLayout: a type with image or file fields is listed as
// every type is, its single-file entries FOLDER/SLUG.md: no path or media
// folder that would hide them (its entry folders have a collection of
// their own, TestFolderCollections).
func TestFilesKeepTheLayout(t *testing.T) {
	typ, sch := sampleType(t)
	c := collection(typ, sch, form{})
	for _, key := range []string{"path", "media_folder", "public_folder"} {
		if v := option(c, key); v != nil {
			t.Errorf("a type with an image and a file: %s %v", key, v)
		}
	}
}

func TestBackendOf(t *testing.T) {
	for _, tt := range []struct {
		url, branch, kind string
		want              Backend
		api, apiRoot      string
	}{
		{"https://github.com/net/kb", "", "", Backend{"github", "net/kb", "main", ""}, "https://api.github.com", ""},
		{"https://gitlab.com/group/sub/kb.git", "trunk", "", Backend{"gitlab", "group/sub/kb", "trunk", ""}, "https://gitlab.com", ""},
		{"https://gitlab.example.org/net/kb/", "main", "", Backend{"gitlab", "net/kb", "main", "https://gitlab.example.org"}, "https://gitlab.example.org", "https://gitlab.example.org/api/v4"},
		{"https://codeberg.org/net/kb", "main", "", Backend{"gitea", "net/kb", "main", "https://codeberg.org"}, "https://codeberg.org", "https://codeberg.org/api/v1"},
		{"https://git.example.org/net/kb", "main", "gitlab", Backend{"gitlab", "net/kb", "main", "https://git.example.org"}, "https://git.example.org", "https://git.example.org/api/v4"},
	} {
		b, err := BackendOf(tt.url, tt.branch, tt.kind)
		if err != nil || b != tt.want || b.API() != tt.api || b.apiRoot() != tt.apiRoot {
			t.Errorf("BackendOf(%q) = %+v, %v (API %q, api_root %q)", tt.url, b, err, b.API(), b.apiRoot())
		}
	}
	for _, bad := range []string{"https://github.com/only-owner", "not a url"} {
		if _, err := BackendOf(bad, "", ""); err == nil {
			t.Errorf("BackendOf(%q): no error", bad)
		}
	}
}
