package search

import (
	"encoding/json"
	"testing"
)

var metaCases = []string{
	"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\r\b\f\x00\x01\x1f\x7f",
	"Mediación · Ёс журам · ឧសភា", "line\u2028para\u2029", "bad \xff\xfe \xe2\x82 cut\xe2", "emoji 🎉",
}

func TestMetaAsJSON(t *testing.T) {
	for _, s := range metaCases {
		checkMeta(t, s, "members/ana/", s+s)
	}
}

// FuzzMeta holds appendMeta to json.Marshal. Run longer with:
// go test -fuzz FuzzMeta ./generator/search
func FuzzMeta(f *testing.F) {
	for _, s := range metaCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMeta(t, s, s, "") })
}

func checkMeta(t *testing.T, ss ...string) {
	t.Helper()
	want, err := json.Marshal(ss)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendMeta(nil, ss...); string(got) != string(want) {
		t.Errorf("appendMeta(%q)\n got %s\nwant %s", ss, got, want)
	}
}
