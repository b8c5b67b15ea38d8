package site

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// updating reports whether -update was given (the flag is declared once
// for this test binary, by the package's external tests).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Image copies are named by the hash of their bytes, which depend on the
// WebP encoder's version (a system libwebp where there is one): the
// golden files hold a placeholder for the hash and the size.
var (
	copyNames   = regexp.MustCompile(`[0-9a-f]{12}-(\d+w\.(?:webp|jpg|png))`)
	copyLengths = regexp.MustCompile(`length="\d+"`)
)

// gitChanges is when and by whom an original changed after its
// translation, as the translations page says it: read from this
// repository's Git history, which every commit to the example moves, so
// the golden files hold a placeholder.
var gitChanges = regexp.MustCompile(`(</code> · )[^·<]*\([^)<]*\)( · )`)

// TestGoldenPages compares representative pages of the example with the
// files under testdata/golden; run with -update to accept a change after
// reading its diff.
func TestGoldenPages(t *testing.T) {
	out, _ := exampleSite(t)
	for _, page := range []string{
		"index.html",
		"members/index.html",
		"members/red-mujeres-sonora/index.html",
		"minutes/2025-11-05-saltillo-learning-circle/index.html",
		"topics/index.html",
		"actions/index.html",
		"curriculum/index.html",
		"governance/index.html",
		"feed.xml",
		"calendar.ics",
		// In the other languages: a translation, an entry shown in its
		// original's language under a notice, the translator's work list.
		"km/curriculum/learning-circles-101/index.html",
		"km/members/red-mujeres-sonora/index.html",
		"es/minutes/2026-06-04-annual-gathering-2026/index.html",
		"mn/translations/index.html",
		"es/feed.xml",
		"km/calendar.ics",
	} {
		got := copyNames.ReplaceAllString(read(t, filepath.Join(out, page)), "HASH-$1")
		got = copyLengths.ReplaceAllString(got, `length="N"`)
		got = gitChanges.ReplaceAllString(got, "${1}CHANGED${2}")
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
		if updating() {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/site -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./generator/site -update and review the diff", page, golden)
		}
	}
}
