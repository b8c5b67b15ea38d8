package schema_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora/generator/schema"
)

// fieldsSchema declares one field of each kind the value checks see.
const fieldsSchema = `name = "thing"
title = "s"
[fields.s]
type = "string"
min = 2
max = 5
[fields.tx]
type = "text"
[fields.i]
type = "int"
min = 1
max = 10
[fields.fl]
type = "float"
min = 0.5
[fields.b]
type = "bool"
[fields.d]
type = "date"
min = 2000-01-01
max = "2030-12-31"
[fields.u]
type = "url"
[fields.e]
type = "email"
[fields.en]
type = "enum"
values = ["open", "done", "dropped"]
[fields.t]
type = "topic"
[fields.r]
type = "ref"
ref = "thing"
[fields.p]
type = "string"
pattern = "[A-Z]{2}"
description = "Two capitals."
[fields.l]
type = "list"
of = "int"
min = 1
max = 2
[fields.img]
type = "image"
[fields.f]
type = "file"
`

// decode reads one TOML value as the decoder gives it: v = VALUE.
func decode(t *testing.T, value string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode("v = "+value, &m); err != nil {
		t.Fatalf("decode %s: %v", value, err)
	}
	return m["v"]
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCheckValues(t *testing.T) {
	typ, diags := schema.Parse("schema/thing.toml", []byte(fieldsSchema))
	if len(diags) > 0 {
		t.Fatalf("schema errors:\n%s", lines(diags))
	}
	tests := []struct {
		field, value string // value in TOML
		want         any    // the normalized value, when there is no problem
		code, msg    string // the problem
		hint         string
		key          string // the key of the value's table the problem is about
	}{
		{field: "s", value: `"abc"`, want: "abc"},
		{field: "s", value: `"ñú"`, want: "ñú"}, // two characters, four bytes
		{field: "s", value: `"a"`, code: "too-short", msg: "text is shorter than 2 characters"},
		{field: "s", value: `"abcdef"`, code: "too-long", msg: "text is longer than 5 characters"},
		{field: "s", value: `42`, code: "wrong-type", msg: "expected text in quotes, found a whole number", hint: `put the value in quotes: "42"`},
		{field: "s", value: `["a"]`, code: "wrong-type", msg: "expected text in quotes, found a list", hint: "write one value, not a list"},
		{field: "s", value: `{a = 1}`, code: "wrong-type", msg: "expected text in quotes, found a table"},
		{field: "tx", value: `"""multi
line"""`, want: "multi\nline"},
		{field: "tx", value: `"bad \xff"`, want: "bad \u00ff"},
		{field: "i", value: `5`, want: int64(5)},
		{field: "i", value: `0`, code: "out-of-range", msg: "the value is below the minimum 1"},
		{field: "i", value: `11`, code: "out-of-range", msg: "the value is above the maximum 10"},
		{field: "i", value: `"5"`, code: "wrong-type", msg: "expected a whole number, found text", hint: "remove the quotes: 5"},
		{field: "i", value: `1.5`, code: "wrong-type", msg: "expected a whole number, found a number"},
		{field: "fl", value: `2`, want: float64(2)},
		{field: "fl", value: `2.5`, want: 2.5},
		{field: "fl", value: `0.25`, code: "out-of-range", msg: "the value is below the minimum 0.5"},
		{field: "fl", value: `nan`, code: "bad-value", msg: "a number must be finite"},
		{field: "fl", value: `inf`, code: "bad-value", msg: "a number must be finite"},
		{field: "b", value: `true`, want: true},
		{field: "b", value: `"true"`, code: "wrong-type", msg: "expected true or false, found text", hint: "remove the quotes: true"},
		{field: "b", value: `1`, code: "wrong-type", msg: "expected true or false, found a whole number"},
		{field: "d", value: `2022-06-07`, want: date(2022, 6, 7)},
		{field: "d", value: `"2022-06-07"`, want: date(2022, 6, 7)},
		{field: "d", value: `"2024-02-29"`, want: date(2024, 2, 29)},
		{field: "d", value: `"2024-02-30"`, code: "bad-date", msg: "not a valid date"},
		{field: "d", value: `"2022-6-7"`, code: "bad-date", msg: "not a valid date"},
		{field: "d", value: `2022-06-07T10:00:00`, code: "bad-date", msg: "a date may not have a time of day", hint: "keep only the date: 2022-06-07"},
		{field: "d", value: `2022-06-07T10:00:00-05:00`, code: "bad-date", msg: "a date may not have a time of day", hint: "keep only the date: 2022-06-07"},
		{field: "d", value: `10:00:00`, code: "bad-date", msg: "expected a date, found a time of day"},
		{field: "d", value: `20220607`, code: "bad-date", msg: "expected a date"},
		{field: "d", value: `1999-12-31`, code: "out-of-range", msg: "the date is before 2000-01-01"},
		{field: "d", value: `2031-01-01`, code: "out-of-range", msg: "the date is after 2030-12-31"},
		{field: "u", value: `"https://example.org/a?b=c"`, want: "https://example.org/a?b=c"},
		{field: "u", value: `"http://localhost:8080/"`, want: "http://localhost:8080/"},
		{field: "u", value: `"example.org"`, code: "bad-url", msg: "not a web address", hint: `add the scheme: "https://example.org"`},
		{field: "u", value: `"ftp://example.org/"`, code: "bad-url", msg: "not a web address"},
		{field: "u", value: `"https://"`, code: "bad-url", msg: "not a web address"},
		{field: "u", value: `"mailto:ana@example.org"`, code: "bad-url", msg: "not a web address"},
		{field: "u", value: `"https://exa mple.org/%zz"`, code: "bad-url", msg: "not a web address"},
		{field: "e", value: `"ana@example.org"`, want: "ana@example.org"},
		{field: "e", value: `"Ana <ana@example.org>"`, code: "bad-email", msg: "not an email address", hint: "write only the address, without a name or <>: ana@example.org"},
		{field: "e", value: `"<ana@example.org>"`, code: "bad-email", msg: "not an email address", hint: "write only the address, without a name or <>: ana@example.org"},
		{field: "e", value: `"ana.example.org"`, code: "bad-email", msg: "not an email address"},
		{field: "e", value: `"ana@"`, code: "bad-email", msg: "not an email address"},
		{field: "en", value: `"done"`, want: "done"},
		{field: "en", value: `"Done"`, code: "bad-enum", msg: `"Done" is not one of the allowed values`, hint: `did you mean "done"?`},
		{field: "en", value: `"closed"`, code: "bad-enum", msg: `"closed" is not one of the allowed values`},
		{field: "en", value: `1`, code: "wrong-type", msg: `expected one of "open", "done", "dropped", found a whole number`, hint: `put the value in quotes: "1"`},
		{field: "t", value: `"Mediación"`, want: "Mediación"}, // resolved later, by link
		{field: "t", value: `"  "`, code: "empty-ref", msg: "a reference may not be empty"},
		{field: "r", value: `""`, code: "empty-ref", msg: "a reference may not be empty"},
		{field: "r", value: `["a"]`, code: "wrong-type", msg: "expected the slug of a thing in quotes, found a list", hint: "write one value, not a list"},
		{field: "p", value: `"MX"`, want: "MX"},
		{field: "p", value: `"mx"`, code: "bad-pattern", msg: "does not match the required form", hint: "Two capitals."},
		{field: "p", value: `"MXN"`, code: "bad-pattern", msg: "does not match the required form", hint: "Two capitals."},
		{field: "l", value: `3`, want: int64(3)}, // Check sees one element of a list
		{field: "l", value: `"3"`, code: "wrong-type", msg: "expected a whole number, found text", hint: "remove the quotes: 3"},
		{field: "img", value: `{ src = "photo.jpg", alt = "Members at a table" }`, want: schema.FileRef{Src: "photo.jpg", Alt: "Members at a table"}},
		{field: "img", value: `{ src = "foto de grupo.jpg", alt = "Grupo" }`, want: schema.FileRef{Src: "foto de grupo.jpg", Alt: "Grupo"}},
		{field: "img", value: `"photo.jpg"`, code: "wrong-type", msg: `expected an image { src = "photo.jpg", alt = "…" }, found text`,
			hint: `write a table: { src = "photo.jpg", alt = "what the image shows" }`},
		{field: "img", value: `{ src = "photo.jpg" }`, code: "missing-required", msg: "an image needs alt text: missing alt",
			hint: `describe what the image shows for readers who cannot see it: alt = "Members around a table at the 2025 gathering"`},
		{field: "img", value: `{ src = "photo.jpg", alt = "  " }`, code: "empty-required", msg: "an image needs alt text: alt may not be empty",
			hint: `describe what the image shows for readers who cannot see it: alt = "Members around a table at the 2025 gathering"`, key: "alt"},
		{field: "img", value: `{ src = "photo.jpg", alt = "x", title = "y" }`, code: "unknown-key", msg: `unknown key "title" in an image { src = "photo.jpg", alt = "…" }`, key: "title"},
		{field: "img", value: `{ scr = "photo.jpg", alt = "x" }`, code: "unknown-key", msg: `unknown key "scr" in an image { src = "photo.jpg", alt = "…" }`, hint: `did you mean "src"?`, key: "scr"},
		{field: "img", value: `{ alt = "x" }`, code: "missing-required", msg: "missing src", hint: `add src = "…"`},
		{field: "img", value: `{ src = 3, alt = "x" }`, code: "wrong-type", msg: "src: expected text in quotes, found a whole number", key: "src"},
		{field: "img", value: `{ src = "../ana/logo.png", alt = "x" }`, code: "bad-file-ref", msg: "src must name a file of the entry's own folder",
			hint: "move the file into the entry's folder and write its name alone", key: "src"},
		{field: "img", value: `{ src = "", alt = "x" }`, code: "empty-required", msg: "src may not be empty", key: "src"},
		{field: "f", value: `{ src = "report.pdf" }`, want: schema.FileRef{Src: "report.pdf"}},
		{field: "f", value: `{ src = "report.pdf", title = "Report" }`, want: schema.FileRef{Src: "report.pdf", Title: "Report"}},
		{field: "f", value: `{ src = "report.pdf", alt = "Report" }`, code: "unknown-key", msg: `unknown key "alt" in a file { src = "report.pdf", title = "…" }`, key: "alt"},
		{field: "f", value: `{ src = "a\\b.pdf" }`, code: "bad-file-ref", msg: "src must name a file of the entry's own folder",
			hint: "move the file into the entry's folder and write its name alone", key: "src"},
	}
	for _, tt := range tests {
		f := typ.Lookup(tt.field)
		got, p := f.Check(decode(t, tt.value))
		if tt.code == "" {
			if p != nil {
				t.Errorf("%s = %s: unexpected %s: %s", tt.field, tt.value, p.Code, p.Message)
			} else if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s = %s: got %#v, want %#v", tt.field, tt.value, got, tt.want)
			}
			continue
		}
		if p == nil {
			t.Errorf("%s = %s: no problem, want %s", tt.field, tt.value, tt.code)
			continue
		}
		if p.Code != tt.code || p.Message != tt.msg || p.Hint != tt.hint || p.Key != tt.key {
			t.Errorf("%s = %s:\n got %s: %s (fix: %s) at %q\nwant %s: %s (fix: %s) at %q", tt.field, tt.value, p.Code, p.Message, p.Hint, p.Key, tt.code, tt.msg, tt.hint, tt.key)
		}
		if p.File != "" || p.Line != 0 {
			t.Errorf("%s = %s: Check placed its problem at %s:%d", tt.field, tt.value, p.File, p.Line)
		}
	}
}

func TestCheckCount(t *testing.T) {
	typ, _ := schema.Parse("schema/thing.toml", []byte(fieldsSchema))
	l := typ.Lookup("l")
	for n, want := range map[int]string{0: "too-few", 1: "", 2: "", 3: "too-many"} {
		p := l.CheckCount(n)
		if got := ""; p != nil {
			got = p.Code
			if got != want {
				t.Errorf("CheckCount(%d) = %s, want %q", n, got, want)
			}
		} else if want != "" {
			t.Errorf("CheckCount(%d) = nil, want %s", n, want)
		}
	}
}

func TestKindPhraseAndTOMLKind(t *testing.T) {
	typ, _ := schema.Parse("schema/thing.toml", []byte(fieldsSchema))
	for field, want := range map[string]string{
		"s":   "text in quotes",
		"i":   "a whole number",
		"fl":  "a number",
		"b":   "true or false",
		"d":   "a date like 2022-06-07",
		"u":   "a web address in quotes (https://…)",
		"e":   "an email address in quotes",
		"en":  `one of "open", "done", "dropped"`,
		"t":   "a topic slug or alias in quotes",
		"r":   "the slug of a thing in quotes",
		"l":   "a list [ … ] of a whole number",
		"img": `an image { src = "photo.jpg", alt = "…" }`,
		"f":   `a file { src = "report.pdf", title = "…" }`,
	} {
		if got := schema.KindPhrase(typ.Lookup(field)); got != want {
			t.Errorf("KindPhrase(%s) = %q, want %q", field, got, want)
		}
	}
	for value, want := range map[string]string{
		`"x"`: "text", `1`: "a whole number", `1.5`: "a number", `true`: "true/false",
		`2022-06-07`: "a date", `2022-06-07T10:00:00`: "a date and time", `[1]`: "a list", `{a = 1}`: "a table",
	} {
		if got := schema.TOMLKind(decode(t, value)); got != want {
			t.Errorf("TOMLKind(%s) = %q, want %q", value, got, want)
		}
	}
	if got := schema.FormatDate(date(2022, 6, 7)); got != "2022-06-07" {
		t.Errorf("FormatDate = %q", got)
	}
}

// A build keeps every checked value: one that needs no normalizing must
// come back as it came, not boxed into a new interface value.
func TestCheckKeepsValuesThatNeedNoNormalizing(t *testing.T) {
	typ, diags := schema.Parse("schema/thing.toml", []byte(fieldsSchema))
	if len(diags) > 0 {
		t.Fatalf("schema errors:\n%s", lines(diags))
	}
	for _, tt := range []struct{ field, value string }{
		{"tx", `"some longer text"`}, {"s", `"abc"`}, {"en", `"done"`}, {"i", `7`}, {"fl", `2.5`}, {"b", `true`},
	} {
		f, v := typ.Lookup(tt.field), decode(t, tt.value)
		if allocs := testing.AllocsPerRun(10, func() { f.Check(v) }); allocs != 0 {
			t.Errorf("%s = %s: Check allocated %v times", tt.field, tt.value, allocs)
		}
	}
}
