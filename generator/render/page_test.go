package render

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRelative(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"", "", "./"},
		{"", "members/", "members/"},
		{"members/", "members/ana/", "ana/"},
		{"members/ana/", "members/bob/", "../bob/"},
		{"members/ana/", "members/", "../"},
		{"members/ana/", "", "../../"},
		{"members/ana/", "topics/water/", "../../topics/water/"},
		{"members/ana/", "assets/style.1234.css", "../../assets/style.1234.css"},
		{"about/", "feed.xml", "../feed.xml"},
		{"members/ana/", "members/ana/", "./"},
		{"members/an/", "members/ana/", "../ana/"},
	} {
		if got := relative(tt.from, tt.to); got != tt.want {
			t.Errorf("relative(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestFacetSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Ciudad de México": "ciudad-de-méxico",
		"Bayan-Ölgii":      "bayan-ölgii",
		"បាត់ដំបង":         "បាត់ដំបង",
		"ភ្នំពេញ":          "ភ្នំពេញ",
		"Улаанбаатар":      "улаанбаатар",
		"  ?? ":            "-",
	} {
		if got := facetSlug(in); got != want {
			t.Errorf("facetSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFacetSlugIsBounded(t *testing.T) {
	long := strings.Repeat("ភ្នំពេញ ", 60)
	a, b := facetSlug(long), facetSlug(long+"x")
	if len(a) > maxFacetSlug+9 || !utf8.ValidString(a) {
		t.Errorf("facetSlug of %d bytes gave %d bytes: %q", len(long), len(a), a)
	}
	if a == b {
		t.Error("two long values share a folder")
	}
}
