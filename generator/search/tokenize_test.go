package search

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// tokenCases is testdata/tokens.json: texts with their terms and queries
// with their words. The client's node test checks search.js against the
// same file, so both tokenizers agree.
type tokenCases struct {
	Texts []struct {
		Text  string   `json:"text"`
		Terms []string `json:"terms"`
	} `json:"texts"`
	Queries []struct {
		Query string      `json:"query"`
		Words []QueryWord `json:"words"`
	} `json:"queries"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func writeJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTokens(t *testing.T) {
	var c tokenCases
	readJSON(t, "testdata/tokens.json", &c)
	for i, tc := range c.Texts {
		got := Terms(tc.Text)
		if got == nil {
			got = []string{}
		}
		if *update {
			c.Texts[i].Terms = got
		} else if !slices.Equal(got, tc.Terms) {
			t.Errorf("Terms(%q)\n got %q\nwant %q", tc.Text, got, tc.Terms)
		}
	}
	for i, tc := range c.Queries {
		got := ParseQuery(tc.Query)
		if got == nil {
			got = []QueryWord{}
		}
		if *update {
			c.Queries[i].Words = got
		} else if !slices.EqualFunc(got, tc.Words, func(a, b QueryWord) bool {
			return a.Prefix == b.Prefix && slices.Equal(a.Terms, b.Terms)
		}) {
			t.Errorf("ParseQuery(%q)\n got %+v\nwant %+v", tc.Query, got, tc.Words)
		}
	}
	if *update {
		writeJSON(t, "testdata/tokens.json", c)
	}
}

// TestFolding spells out what folding must do, whatever the golden file says.
func TestFolding(t *testing.T) {
	for in, want := range map[string]string{
		"Mediación":        "mediacion",
		"PARTICIPACIÓN":    "participacion",
		"Ñandú":            "nandu",
		"Ёс журам":         "ес журам",
		"Төв Үндэсний":     "төв үндэснии", // ө and ү are letters of their own
		"ΟΔΟΣ":             "οδοσ",
		"Ｆｕｌｌ ﬁne":         "full fine",
		"សំឡេង\u200bយុវជន": "សំឡេងយុវជន", // ZWSP is a hint, not a break
		"ឧសភា":             "ឧសភា",       // Khmer signs stay
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestKhmerInsideARun checks the point of n-grams: a word in the middle of
// a Khmer run is found by its own terms.
func TestKhmerInsideARun(t *testing.T) {
	text := "កិច្ចប្រជុំនេះបានធ្វើឡើងនៅការិយាល័យវេទិកាដីធ្លីបាត់ដំបង"
	terms := Terms(text)
	for _, word := range []string{"ការិយាល័យ", "ដីធ្លី", "បាត់ដំបង", "ប្រជុំ", "វេទិកា"} {
		for _, w := range ParseQuery(word + " ") {
			for _, term := range w.Terms {
				if !slices.Contains(terms, term) {
					t.Errorf("%s: term %q is not among the text's %q", word, term, terms)
				}
			}
		}
	}
	if slices.Contains(Terms("ការ ប្រជុំ"), "ការប្រ") {
		t.Error("bigrams must not cross a space")
	}
}

func TestQueryPrefix(t *testing.T) {
	for q, want := range map[string]string{
		"contin":             "contin*",
		"rapporteur agenda ": "rapporteur agenda",
		"rapporteur agen":    "rapporteur agen*",
		"a":                  "a",
		"ដីធ្លី":             "ដីធ្លី*",
		"ក":                  "ក*",
		"ដីធ្លី ":            "ដីធ្លី",
	} {
		var parts []string
		for _, w := range ParseQuery(q) {
			s := strings.Join(w.Terms, "+")
			if w.Prefix {
				s += "*"
			}
			parts = append(parts, s)
		}
		if got := strings.Join(parts, " "); got != want {
			t.Errorf("ParseQuery(%q) = %s, want %s", q, got, want)
		}
	}
}
