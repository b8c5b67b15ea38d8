package translate

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Language is one language a site is published in, as its pages link
// to it.
type Language struct {
	Code string // BCP 47, as site.toml writes it: "km"
	// Name is the language's name in itself ("ភាសាខ្មែរ"): a reader
	// finds their language by the name they read it by.
	Name string
	// Prefix is the folder of its pages from the site root: "" for the
	// default language, "km/" for the others.
	Prefix string
	Dir    string // "rtl" for a right-to-left script, else ""
}

// Languages describes the site's languages, the default first.
func Languages(codes []string) []Language {
	out := make([]Language, len(codes))
	for i, c := range codes {
		out[i] = Language{Code: c, Name: Autonym(c), Dir: Direction(c)}
		if i > 0 {
			out[i].Prefix = c + "/"
		}
	}
	return out
}

// Autonym is a language's name in itself, or its code when the name is
// unknown.
func Autonym(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.Self.Name(tag); name != "" {
		return name
	}
	return code
}

// rtlLanguages are written right to left (the script they are written in
// by default).
var rtlLanguages = map[string]bool{"ar": true, "fa": true, "he": true, "ur": true, "ps": true, "sd": true, "ug": true, "yi": true, "dv": true, "ckb": true}

// Direction is "rtl" for a language written right to left, else "". A
// tag naming a script says it: "az-Arab" is, "sd-Deva" is not.
func Direction(code string) string {
	base, rest, _ := strings.Cut(strings.ToLower(code), "-")
	for _, sub := range strings.Split(rest, "-") {
		switch sub {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
			return "rtl"
		case "latn", "cyrl", "deva", "mong":
			return ""
		}
	}
	if rtlLanguages[base] {
		return "rtl"
	}
	return ""
}

// Alternate is the same page in one of the site's languages.
type Alternate struct {
	Language
	// Path is the page's path from the site root: its language's prefix
	// and the page's path within the language.
	Path    string
	Current bool // the page being shown
}

// Alternates are a page (its path within a language, "members/ana/") in
// every language, the current one marked.
func Alternates(langs []Language, current, path string) []Alternate {
	out := make([]Alternate, len(langs))
	for i, l := range langs {
		out[i] = Alternate{Language: l, Path: l.Prefix + path, Current: l.Code == current}
	}
	return out
}
