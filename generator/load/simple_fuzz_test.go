package load

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// FuzzDecodeSimple holds decodeSimple to BurntSushi/toml: whatever it
// decodes, the library decodes without error into the same map, values of
// the same types (dates in the library's own location) included; and
// decodeTOML, which takes decodeSimple's map when there is one, gives the
// library's map or its very error. Its seeds are below and in
// testdata/fuzz/FuzzDecodeSimple (front matter of each type of the bench
// corpus and of the example community). Run longer with:
// go test -run '^$' -fuzz '^FuzzDecodeSimple$' ./generator/load
func FuzzDecodeSimple(f *testing.F) {
	for _, seed := range []string{
		"", "\n", "# c\n", "a = 1", "a = 1\n", "a=1", "a = -1", "a = -0", "a = 0", "a = 01", "a = +1",
		"a = 9223372036854775807", "a = 9223372036854775808", "a = -9223372036854775808", "a = 1_000",
		"a = 1.5", "a = 1e5", "a = 0x1f", "a = inf", "a = nan", "a = true", "a = false", "a = truex",
		"a = true#c", "a = 1 # c\n", "a = \"x\"", "a = 'x'", "a = \"\"", "a = ''", "a = \"\"\"x\"\"\"",
		"a = '''x'''", "a = \"x\\ny\"", "a = 'x\\y'", "a = \"x\ty\"", "a = \"x # y\"", "a = \"é\"",
		"a = 2020-01-01", "a = 2020-02-30", "a = 2020-1-01", "a = 2020-01-01T10:00:00Z",
		"a = 2020-01-01 10:00", "a = 2020-01-01 ", "a = 10:00:00", "a = [2020-01-01, 2021-12-31]",
		"a = []", "a = [ ]", "a = [1,]", "a = [,]", "a = [1,,2]", "a = [1 2]", "a = [\"a\", 'b', 1, true]",
		"a = [[1]]", "a = [\n1]", "a = {b = 1}", "a = 1\na = 2", "a = 1\nb = 2\n", "  a = 1", "a.b = 1",
		"\"a\" = 1", "'a' = 1", "a = ", "a", "= 1", "[t]\na = 1", "[t]\n[t]", "[[t]]\na = 1\n[[t]]\na = 2",
		"t = 1\n[[t]]", "[t]\n[[t]]", "[[t]]\n[t]", "t = []\n[[t]]", "[ t ]", "[[ t ]]", "[t.u]", "[[t]] # c",
		"[t] x", "[[t]\n", "[t]]\n", "a = 1\r\nb = 2\r\n", "a = 1\rb", "\ufeffa = 1", "a = \"\x7f\"",
		"a = \"\x00\"", "a = \xff", "#\x01\n", "a = 1\n\n\n[[x]]\n\n[y]\nz = 'w'\n",
		"a = \"\"\nb = ''\n", "a = \"\"\"\"", "a = ''''", "a = ['']", "a = [\"\"]", "a = [\"\"\"]",
		"a = [\n  \"x\",\n  \"y\",\n]\n", "a = [ # c\n1, # d\n# e\n2]", "a = [\n\n]", "a = [1\n,2]", "a = [1,\n", "a = [#]\n1]",
		"a = [\r\n1]", "a = [\n2020-01-01\n]", "a = [2020-01-01 # c\n]",
		// Inline tables: an image field, a list of files, and what is not one.
		"logo = { src = \"logo.png\", alt = \"A logo\" }\n", "a = {}", "a = { }", "a = {b = 1, c = 'x', d = true, e = 2020-01-01}",
		"a = [{ src = \"a.pdf\" }, { src = \"b.pdf\", title = \"B\" }]\n", "a = [\n  { src = 'a' },\n  { src = 'b' },\n]\n",
		"a = [1, {b = 1}]", "a = [{}]", "[t]\nb = {c = 1}\n", "[[t]]\nb = {c = 1}\n[[t]]\nb = {}\n",
		"a = {b = 1,}", "a = {b = 1, b = 2}", "a = {b = 1\n}", "a = {b = [1]}", "a = {b = {c = 1}}", "a = {b.c = 1}",
		"a = {\"b\" = 1}", "a = {b = 1} c", "a = {b = 1}#c", "a = { b = 1 }\na.c = 2", "a = {b=1}\n[a]", "a = {,}", "a = {b}",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		want, wantErr := decodeLibrary(text)
		got, err := decodeTOML(text)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("%q: decodeTOML error %v, library error %v", text, err, wantErr)
		}
		if !sameTOML(got, want) {
			t.Fatalf("%q: decodeTOML\n%#v\nlibrary\n%#v", text, got, want)
		}
		simple, ok := decodeSimple(text)
		if !ok {
			return
		}
		if wantErr != nil {
			t.Fatalf("%q: decodeSimple decoded %#v, the library says %v", text, simple, wantErr)
		}
		if !sameTOML(simple, want) {
			t.Fatalf("%q: decodeSimple\n%#v\nlibrary\n%#v", text, simple, want)
		}
		checkSimpleKeys(t, text)
	})
}

// sameTOML is reflect.DeepEqual for decoded TOML, but for floats, which
// are the same when their bits are (NaN is a value TOML can spell), and
// for dates, whose locations must be the very same.
func sameTOML(a, b any) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	switch a := a.(type) {
	case map[string]any:
		b := b.(map[string]any)
		if (a == nil) != (b == nil) || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			if w, ok := b[k]; !ok || !sameTOML(v, w) {
				return false
			}
		}
		return true
	case []map[string]any:
		b := b.([]map[string]any)
		return sameSlices(a, b, func(i int) bool { return sameTOML(a[i], b[i]) })
	case []any:
		b := b.([]any)
		return sameSlices(a, b, func(i int) bool { return sameTOML(a[i], b[i]) })
	case float64:
		return math.Float64bits(a) == math.Float64bits(b.(float64))
	case time.Time:
		return a == b.(time.Time) && a.Location() == b.(time.Time).Location()
	}
	return reflect.DeepEqual(a, b)
}

func sameSlices[S ~[]E, E any](a, b S, same func(i int) bool) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for i := range a {
		if !same(i) {
			return false
		}
	}
	return true
}

// checkSimpleKeys holds decodeSimpleKeys to the library's MetaData on
// text, which both decode: the same keys in the same order, and the same
// arrays of tables, so that tomlpos places every diagnostic alike.
func checkSimpleKeys(t *testing.T, text []byte) {
	t.Helper()
	var m map[string]any
	md, err := toml.Decode(string(text), &m)
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	keys, ok := decodeSimpleKeys(text)
	if !ok {
		t.Fatalf("%q: decodeSimple decodes it, decodeSimpleKeys does not", text)
	}
	if !reflect.DeepEqual(keys.Keys(), md.Keys()) && !(len(keys.Keys()) == 0 && len(md.Keys()) == 0) {
		t.Fatalf("%q: keys\n%q\nlibrary\n%q", text, keys.Keys(), md.Keys())
	}
	for _, k := range md.Keys() {
		if (md.Type(k...) == "ArrayHash") != (keys.Type(k...) == "ArrayHash") {
			t.Fatalf("%q: %v is an array of tables to one and not the other", text, k)
		}
	}
}
