package schema_test

import (
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/schema"
)

// TestTranslatableDefaults: text (string and text fields and lists of
// them, objects holding such fields) is translated unless the schema says
// translatable = false; no other kind is, nor a private field; images and
// files are when the schema says translatable = true.
func TestTranslatableDefaults(t *testing.T) {
	typ, diags := schema.Parse("schema/event.toml", []byte(`title = "title"
[fields.title]
type = "string"
[fields.story]
type = "text"
[fields.tags]
type = "list"
of = "string"
[fields.code]
type = "string"
translatable = false
[fields.phone]
type = "string"
private = true
[fields.seats]
type = "int"
[fields.day]
type = "date"
[fields.format]
type = "enum"
values = ["a", "b"]
[fields.host]
type = "ref"
ref = "event"
[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.name]
type = "string"
[fields.sessions.fields.room]
type = "int"
[fields.venue]
type = "object"
[fields.venue.fields.capacity]
type = "int"
[fields.photo]
type = "image"
[fields.poster]
type = "image"
translatable = true
[fields.handouts]
type = "list"
of = "file"
translatable = true
`))
	if len(diags) > 0 {
		t.Fatalf("unexpected errors:\n%s", lines(diags))
	}
	var got []string
	for _, f := range typ.Fields {
		if f.Translatable {
			got = append(got, f.Name)
		}
	}
	if s := strings.Join(got, " "); s != "title story tags sessions poster handouts" {
		t.Errorf("translatable: %s, want title story tags sessions poster handouts", s)
	}
	s := typ.Lookup("sessions")
	if !s.Lookup("name").Translatable || s.Lookup("room").Translatable || !s.Elem().Translatable {
		t.Errorf("sessions: name %v room %v", s.Lookup("name").Translatable, s.Lookup("room").Translatable)
	}
}

func TestTranslatableErrors(t *testing.T) {
	for src, want := range map[string]string{
		"[fields.day]\ntype = \"date\"\ntranslatable = true\n":                                      "schema/x.toml:3:16: schema-misplaced-key: a date field has nothing to translate",
		"[fields.phone]\ntype = \"string\"\nprivate = true\ntranslatable = true\n":                  "schema/x.toml:4:16: schema-misplaced-key: a private field is published in no language, so it has no translation",
		"[fields.name]\ntype = \"string\"\ntranslatable = \"yes\"\n":                                "schema/x.toml:3:1: schema-wrong-type: translatable must be true or false",
		"[fields.v]\ntype = \"object\"\ntranslatable = true\n[fields.v.fields.n]\ntype = \"int\"\n": "schema/x.toml:3:16: schema-misplaced-key: an object with no translatable field has nothing to translate",
	} {
		_, diags := schema.Parse("schema/x.toml", []byte(src))
		if got := lines(diags); !strings.Contains(got, want) {
			t.Errorf("%q:\n got %s\nwant %s", src, got, want)
		}
	}
}
