package jsonschema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/jsonschema"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// compile turns every exported document of entries into a validator,
// with a real JSON Schema implementation (formats asserted, as editors
// do), by the type's folder.
func compile(t *testing.T, sch *schema.Schema) map[string]*validator.Schema {
	return compileDocs(t, sch, jsonschema.FileName)
}

// compileDocs compiles the documents named by name, one per type.
func compileDocs(t *testing.T, sch *schema.Schema, name func(*schema.Type) string) map[string]*validator.Schema {
	t.Helper()
	docs, err := jsonschema.WriteFS(sch)
	if err != nil {
		t.Fatal(err)
	}
	c := validator.NewCompiler()
	c.AssertFormat()
	out := map[string]*validator.Schema{}
	for _, typ := range sch.Types {
		name := name(typ)
		if docs[name] == nil {
			continue
		}
		doc, err := validator.UnmarshalJSON(bytes.NewReader(docs[name]))
		if err != nil {
			t.Fatalf("%s is not JSON: %v", name, err)
		}
		url := "https://agora.invalid/schema/" + name
		if err := c.AddResource(url, doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, err := c.Compile(url)
		if err != nil {
			t.Fatalf("%s is not a valid JSON Schema: %v", name, err)
		}
		out[typ.Folder] = s
	}
	return out
}

// fields decodes an entry's TOML (a .toml file, or a .md file's front
// matter) into JSON values, as a TOML editor hands them to its schema:
// local dates become "YYYY-MM-DD" strings.
func fields(t *testing.T, name string, src []byte) any {
	t.Helper()
	text := strings.TrimPrefix(string(src), "\ufeff")
	if strings.HasSuffix(name, ".md") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		rest, ok := strings.CutPrefix(text, "+++\n")
		if !ok {
			t.Fatalf("%s: no front matter", name)
		}
		end := strings.Index(rest, "\n+++")
		if end < 0 {
			t.Fatalf("%s: front matter not closed", name)
		}
		text = rest[:end+1]
	}
	var m map[string]any
	if _, err := toml.Decode(text, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	b, err := json.Marshal(jsonCompatible(m))
	if err != nil {
		t.Fatal(err)
	}
	v, err := validator.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonCompatible(v any) any {
	switch x := v.(type) {
	case time.Time:
		return x.Format(time.DateOnly)
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = jsonCompatible(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonCompatible(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonCompatible(e)
		}
		return out
	}
	return v
}

func defaultSchema(t *testing.T) *schema.Schema {
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return sch
}

// TestExampleContentValidates: every entry of the example community in
// content/ validates against the exported schema of its type.
func TestExampleContentValidates(t *testing.T) {
	sch := defaultSchema(t)
	schemas := compile(t, sch)
	root := filepath.Join("..", "..", "content")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".toml")) {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if _, lang := load.SplitName(strings.TrimSuffix(strings.TrimSuffix(filepath.Base(p), ".md"), ".toml")); lang != "" {
			return nil // a translation restates some fields only: the entry's schema is not its
		}
		// FOLDER/NAME.md, or FOLDER/NAME/index.md for an entry folder.
		folder, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		s := schemas[folder]
		if s == nil {
			t.Errorf("%s: no type for folder %s", rel, folder)
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := s.Validate(fields(t, rel, src)); err != nil {
			t.Errorf("content/%s does not validate:\n%v", filepath.ToSlash(rel), err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("validated only %d entries", n)
	}
}

// TestExampleTranslationsValidate: every translation of the example
// (SLUG.LANG.md, SLUG/index.LANG.md) validates against its type's
// translation schema, and a field a translation may not hold is
// refused; against the entry's own schema the translations would fail
// for the required fields they leave to the original.
func TestExampleTranslationsValidate(t *testing.T) {
	sch := defaultSchema(t)
	translations := compileDocs(t, sch, jsonschema.TranslationFileName)
	entries := compile(t, sch)
	root := filepath.Join("..", "..", "content")
	n, failEntry := 0, 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (!strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, ".toml")) {
			return err
		}
		if _, lang := load.SplitName(strings.TrimSuffix(strings.TrimSuffix(filepath.Base(p), ".md"), ".toml")); lang == "" {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		folder, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		v := fields(t, rel, src)
		if err := translations[folder].Validate(v); err != nil {
			t.Errorf("content/%s does not validate as a translation:\n%v", filepath.ToSlash(rel), err)
		}
		if entries[folder].Validate(v) != nil {
			failEntry++
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 || failEntry == 0 {
		t.Fatalf("validated %d translations, %d of which the entry's schema refuses", n, failEntry)
	}
	bad := map[string]any{"name": "Ана", "kind": "organization"}
	if translations["members"].Validate(bad) == nil {
		t.Error("a member's translation with kind, which is not translated, validates")
	}
	if _, ok := translations["topics"]; !ok {
		t.Error("no translation schema for topics")
	}
}

// TestBrokenEntriesRejected: what agora check reports in one file, the
// exported schema rejects too.
func TestBrokenEntriesRejected(t *testing.T) {
	schemas := compile(t, defaultSchema(t))
	valid := map[string]string{
		"members":    "name = \"Casa\"\nkind = \"organization\"\ncountry = \"MX\"\njoined = 2024-05-01\nwebsite = \"https://casa.example.org\"\nlanguages = [\"es\", \"km\"]\noffers = [\"facilitation\"]\nlogo = { src = \"logo.png\", alt = \"A green circle\" }\n",
		"minutes":    "title = \"Circle\"\ndate = 2025-01-10\nrapporteur = \"casa\"\nformat = \"virtual\"\nattachments = [{ src = \"report.pdf\", title = \"Report\" }, { src = \"call.ogg\" }]\n[[actions]]\ntask = \"Write\"\nowner = \"casa\"\ndue = 2025-02-01\nstatus = \"open\"\n",
		"curriculum": "title = \"Module\"\nsummary = \"What it is\"\nduration_minutes = 90\nlevel = \"advanced\"\n[[materials]]\ntitle = \"Slides\"\nurl = \"https://example.org/slides\"\n",
		"charters":   "title = \"Charter\"\nadopted = \"2024-01-01\"\nmission = \"Why\"\n[[goals]]\nhorizon = \"long\"\ntext = \"A goal\"\n",
	}
	for folder, src := range valid {
		if err := schemas[folder].Validate(fields(t, folder+".toml", []byte(src))); err != nil {
			t.Errorf("the valid %s entry is rejected: %v", folder, err)
		}
	}
	for _, tt := range []struct{ name, folder, src string }{
		{"unknown key", "members", "name = \"Casa\"\nkind = \"organization\"\nregoin = \"Sonora\"\n"},
		{"missing required", "members", "name = \"Casa\"\n"},
		{"empty required", "members", "name = \"  \"\nkind = \"organization\"\n"},
		{"bad enum", "members", "name = \"Casa\"\nkind = \"cooperative\"\n"},
		{"wrong kind", "members", "name = 12\nkind = \"organization\"\n"},
		{"pattern", "members", "name = \"Casa\"\nkind = \"organization\"\ncountry = \"Mexico\"\n"},
		{"pattern of list items", "members", "name = \"Casa\"\nkind = \"organization\"\nlanguages = [\"es\", \"Spanish!\"]\n"},
		{"list expected", "members", "name = \"Casa\"\nkind = \"organization\"\noffers = \"facilitation\"\n"},
		{"bad url", "members", "name = \"Casa\"\nkind = \"organization\"\nwebsite = \"casa.example.org\"\n"},
		{"bad email", "members", "name = \"Casa\"\nkind = \"organization\"\nemail = \"casa at example\"\n"},
		{"bad date", "members", "name = \"Casa\"\nkind = \"organization\"\njoined = \"May 2024\"\n"},
		{"bad ref", "minutes", "title = \"Circle\"\ndate = 2025-01-10\nrapporteur = \"Casa Nueva\"\n"},
		{"nested unknown key", "minutes", "title = \"C\"\ndate = 2025-01-10\nrapporteur = \"casa\"\n[[actions]]\ntask = \"Write\"\nowner = \"casa\"\nstatuz = \"open\"\n"},
		{"nested enum", "minutes", "title = \"C\"\ndate = 2025-01-10\nrapporteur = \"casa\"\n[[actions]]\ntask = \"Write\"\nstatus = \"later\"\n"},
		{"nested required", "charters", "title = \"C\"\nadopted = 2024-01-01\nmission = \"Why\"\n[[goals]]\nhorizon = \"long\"\n"},
		{"below minimum", "curriculum", "title = \"M\"\nsummary = \"S\"\nduration_minutes = 0\n"},
		{"integer expected", "curriculum", "title = \"M\"\nsummary = \"S\"\nduration_minutes = 1.5\n"},
		{"draft is a bool", "members", "name = \"Casa\"\nkind = \"organization\"\ndraft = \"yes\"\n"},
		{"image without alt", "members", "name = \"Casa\"\nkind = \"organization\"\nlogo = { src = \"logo.png\" }\n"},
		{"image with empty alt", "members", "name = \"Casa\"\nkind = \"organization\"\nlogo = { src = \"logo.png\", alt = \" \" }\n"},
		{"image as a name", "members", "name = \"Casa\"\nkind = \"organization\"\nlogo = \"logo.png\"\n"},
		{"image in another folder", "members", "name = \"Casa\"\nkind = \"organization\"\nlogo = { src = \"../ana/logo.png\", alt = \"Logo\" }\n"},
		{"file with an unknown key", "minutes", "title = \"C\"\ndate = 2025-01-10\nrapporteur = \"casa\"\nattachments = [{ src = \"a.pdf\", alt = \"A\" }]\n"},
		{"file without src", "minutes", "title = \"C\"\ndate = 2025-01-10\nrapporteur = \"casa\"\nattachments = [{ title = \"A\" }]\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := schemas[tt.folder].Validate(fields(t, "broken.toml", []byte(tt.src))); err == nil {
				t.Errorf("accepted:\n%s", tt.src)
			}
		})
	}
}

// TestCommunityType: a type a community adds is exported with its
// nested objects, ranges and refs, and checked as agora check would.
func TestCommunityType(t *testing.T) {
	own := fstest.MapFS{"event.toml": {Data: []byte(`name = "event"
folder = "events"
title = "title"
description = "A public event hosted by a member."

[fields.title]
type = "string"
required = true
min = 3
max = 40

[fields.host]
type = "ref"
ref = "member"

[fields.seats]
type = "int"
min = 1
max = 500

[fields.fee]
type = "float"
min = 0.5

[fields.format]
type = "enum"
values = ["in-person", "virtual"]
default = "in-person"

[fields.tags]
type = "list"
of = "string"
max = 2

[fields.venue]
type = "object"
[fields.venue.fields.city]
type = "string"
required = true
`)}}
	sch, diags := schema.Load(agora.DefaultSchema, own)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	doc, err := jsonschema.Type(sch, sch.Type("event"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"$schema": "https://json-schema.org/draft/2020-12/schema"`, `"default": "in-person"`,
		`"maxItems": 2`, `"minimum": 0.5`, `"maximum": 500`, `"minLength": 3`, `"additionalProperties": false`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("event.schema.json lacks %s:\n%s", want, doc)
		}
	}
	s := compile(t, sch)["events"]
	ok := "title = \"Open day\"\nhost = \"casa\"\nseats = 20\nfee = 2\ntags = [\"a\"]\n[venue]\ncity = \"Hermosillo\"\n"
	if err := s.Validate(fields(t, "ok.toml", []byte(ok))); err != nil {
		t.Errorf("valid event rejected: %v", err)
	}
	for _, bad := range []string{
		"title = \"Op\"\n",
		"title = \"Open day\"\nseats = 501\n",
		"title = \"Open day\"\nfee = 0.1\n",
		"title = \"Open day\"\ntags = [\"a\", \"b\", \"c\"]\n",
		"title = \"Open day\"\n[venue]\nstreet = \"x\"\n",
		"title = \"Open day\"\nhost = \"Casa\"\n",
	} {
		if err := s.Validate(fields(t, "bad.toml", []byte(bad))); err == nil {
			t.Errorf("accepted:\n%s", bad)
		}
	}
}
