package validate_test

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// everyKind is a schema with a field of every kind, as a value, in a list
// and in objects, with every check the language has.
const everyKind = `name = "thing"
folder = "things"
title = "title"
aliases = "aliases"

[fields.title]
type = "string"
required = true
min = 1
max = 80
[fields.code]
type = "string"
pattern = "[A-Z]{2}"
[fields.notes]
type = "text"
[fields.count]
type = "int"
min = 1
max = 1000
[fields.ratio]
type = "float"
min = -1.5
max = 1.5
[fields.ok]
type = "bool"
[fields.start]
type = "date"
min = 2000-01-01
max = 2100-12-31
[fields.end]
type = "date"
not_before = "start"
[fields.website]
type = "url"
[fields.email]
type = "email"
[fields.level]
type = "enum"
values = ["low", "high"]
default = "low"
[fields.topic]
type = "topic"
[fields.owner]
type = "ref"
ref = "thing"
[fields.phone]
type = "string"
private = true
unique = true
[fields.aliases]
type = "list"
of = "string"
max = 5
[fields.tags]
type = "list"
of = "enum"
values = ["a", "b"]
[fields.dates]
type = "list"
of = "date"
[fields.links]
type = "list"
of = "url"
[fields.numbers]
type = "list"
of = "int"
[fields.floats]
type = "list"
of = "float"
[fields.others]
type = "list"
of = "ref"
ref = "thing"
acyclic = true
[fields.topics]
type = "list"
of = "topic"
[fields.place]
type = "object"
[fields.place.fields.name]
type = "string"
required = true
[fields.place.fields.secret]
type = "string"
private = true
[fields.tasks]
type = "list"
of = "object"
[fields.tasks.fields.task]
type = "text"
required = true
[fields.tasks.fields.due]
type = "date"
overdue_if = { status = ["open"] }
[fields.tasks.fields.status]
type = "enum"
values = ["open", "done"]
default = "open"
[fields.tasks.fields.steps]
type = "list"
of = "object"
[fields.tasks.fields.steps.fields.what]
type = "string"
required = true
[fields.tasks.fields.steps.fields.when]
type = "date"
`

// FuzzValidate decodes any bytes as TOML and checks them against a schema
// with every kind. Checking must never panic; every problem must say what
// it is; and a table that checks clean must come out holding only the
// schema's fields, each as its kind's Go type and within its rules. Run
// longer with: go test -run '^$' -fuzz '^FuzzValidate$' ./generator/validate
func FuzzValidate(f *testing.F) {
	typ, diags := schema.Parse("schema/thing.toml", []byte(everyKind))
	if len(diags) > 0 {
		f.Fatalf("the test schema has errors: %v", diags)
	}
	for _, seed := range []string{
		"title = \"T\"\n",
		"title = \"T\"\ncode = \"MX\"\nnotes = \"\"\"\nlong\n\"\"\"\ncount = 3\nratio = 0.5\nok = true\nstart = 2024-01-02\nend = \"2024-01-03\"\n",
		"title = \"T\"\nwebsite = \"https://example.org/a?b#c\"\nemail = \"a@example.org\"\nlevel = \"high\"\ntopic = \"x\"\nowner = \"y\"\nphone = \"1\"\n",
		"title = \"T\"\naliases = [\"a\", \"b\"]\ntags = [\"a\"]\ndates = [2024-01-01, \"2024-02-02\"]\nlinks = [\"http://x.org\"]\nnumbers = [1, 2]\nfloats = [1, 2.5]\nothers = [\"a\"]\ntopics = [\"t\"]\n",
		"title = \"T\"\n[place]\nname = \"P\"\nsecret = \"s\"\n[[tasks]]\ntask = \"do\"\ndue = 2024-01-01\n[[tasks.steps]]\nwhat = \"w\"\nwhen = 2024-01-01\n",
		"title = \"\"\ncount = 0\nratio = nan\nstart = 1999-12-31\nend = 1990-01-01\nwebsite = \"javascript:alert(1)\"\nemail = \"A <a@b.c>\"\nlevel = \"mid\"\n",
		"title = 1\ncount = 1.5\nratio = inf\nok = \"yes\"\nstart = 2024-01-01T10:00:00Z\ntopic = \"\"\naliases = \"a\"\ntags = [\"c\"]\n",
		"title = \"T\"\nnumbers = [1, \"2\", [3]]\ntasks = [1, {task = 2}]\nplace = \"p\"\ndates = [10:00:00, 2024-13-01]\n",
		"title = \"T\"\ntitel = \"x\"\n[place]\nnmae = \"P\"\n[[tasks]]\ntsak = \"x\"\n",
		"title = \"\\uFFFD\\u0000\"\nwebsite = \"https://\"\nlinks = [\"//x.org\", \"HTTPS://X.ORG\", \"https:x\"]\n",
		"title = \"T\"\nstart = 0001-01-01\nend = 9999-12-31\ncount = 9223372036854775807\nratio = -0.0\n",
		"title = \"T\"\naliases = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\"]\n",
		// items passed unchanged, then one converted or refused: the list is
		// copied from there on, the items before it kept
		"title = \"T\"\nfloats = [2.5, 1]\ndates = [2024-01-01, \"2024-02-02\"]\nnumbers = [1, 2, \"x\", 4]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var raw map[string]any
		if _, err := toml.Decode(string(data), &raw); err != nil {
			return
		}
		out, diags := validate.Fields("content/things/x.toml", "thing", typ.Fields, raw)
		for _, d := range diags {
			if d.File == "" || d.Code == "" || d.Message == "" {
				t.Fatalf("incomplete diagnostic %+v", d)
			}
		}
		if diags.HasErrors() {
			return
		}
		checkRecord(t, typ.Fields, out, "")
	})
}

// checkRecord checks that a table that checked clean holds only its
// fields' keys, each value as its kind says.
func checkRecord(t *testing.T, fields []*schema.Field, values map[string]any, prefix string) {
	t.Helper()
	for k, v := range values {
		i := slices.IndexFunc(fields, func(f *schema.Field) bool { return f.Name == k })
		if i < 0 {
			t.Fatalf("%s%s: not a field of the schema, but in the checked values", prefix, k)
		}
		f := fields[i]
		if f.Kind == schema.List {
			items, ok := v.([]any)
			if !ok {
				t.Fatalf("%s%s: a list checked as %T", prefix, k, v)
			}
			if f.Max != nil && float64(len(items)) > f.Max.Num {
				t.Fatalf("%s%s: %d items, over the max %g", prefix, k, len(items), f.Max.Num)
			}
			for j, item := range items {
				checkValue(t, f, f.Elem(), item, fmt.Sprintf("%s%s.%d", prefix, k, j))
			}
			continue
		}
		checkValue(t, f, f, v, prefix+k)
	}
	for _, f := range fields {
		if _, ok := values[f.Name]; !ok && f.Required {
			t.Fatalf("%s%s: required, but missing from clean values", prefix, f.Name)
		}
	}
	if s, e := values["start"], values["end"]; s != nil && e != nil && e.(time.Time).Before(s.(time.Time)) {
		t.Fatalf("%send is before start", prefix)
	}
}

func checkValue(t *testing.T, f, e *schema.Field, v any, key string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s (%s): %v checked clean, but %s", key, e.Kind, v, fmt.Sprintf(format, args...))
	}
	switch e.Kind {
	case schema.String, schema.Text, schema.URL, schema.Email, schema.Enum, schema.Topic, schema.Ref:
		s, ok := v.(string)
		if !ok || !utf8.ValidString(s) {
			fail("is %T or not UTF-8", v)
		}
		switch e.Kind {
		case schema.URL:
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				fail("is not an http(s) URL")
			}
		case schema.Enum:
			if !slices.Contains(e.Values, s) {
				fail("is not one of %q", e.Values)
			}
		}
		if e.Pattern != nil && !e.Pattern.MatchString(s) {
			fail("does not match the pattern")
		}
		if f.Required && s == "" {
			fail("is empty")
		}
	case schema.Int:
		n, ok := v.(int64)
		if !ok || (e.Min != nil && float64(n) < e.Min.Num) || (e.Max != nil && float64(n) > e.Max.Num) {
			fail("is not an int64 in range")
		}
	case schema.Float:
		n, ok := v.(float64)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) || (e.Min != nil && n < e.Min.Num) || (e.Max != nil && n > e.Max.Num) {
			fail("is not a finite float64 in range")
		}
	case schema.Bool:
		if _, ok := v.(bool); !ok {
			fail("is %T", v)
		}
	case schema.Date:
		d, ok := v.(time.Time)
		if !ok || d.Location() != time.UTC || d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0 {
			fail("is not a UTC day")
		}
		if (e.Min != nil && d.Before(e.Min.Date)) || (e.Max != nil && d.After(e.Max.Date)) {
			fail("is out of range")
		}
	case schema.Object:
		m, ok := v.(map[string]any)
		if !ok {
			fail("is %T", v)
		}
		checkRecord(t, e.Fields, m, key+".")
	default:
		fail("has an unknown kind")
	}
}
