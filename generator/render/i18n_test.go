package render

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora"
)

var placeholder = regexp.MustCompile(`\{[0-9]+\}`)

// readI18n decodes one i18n file of the default theme.
func readI18n(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := fs.ReadFile(agora.DefaultTheme, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var m map[string]any
	if _, err := toml.Decode(string(b), &m); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return m
}

// placeholders returns the sorted, distinct {N} placeholders of s.
func placeholders(s string) []string {
	found := placeholder.FindAllString(s, -1)
	sort.Strings(found)
	return slices.Compact(found)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestI18nFiles checks every language file of the default theme against
// en.toml: same keys, same placeholders in every string, 12 months.
func TestI18nFiles(t *testing.T) {
	files, err := fs.Glob(agora.DefaultTheme, "i18n/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, "i18n/en.toml") {
		t.Fatalf("i18n/en.toml not found among %v", files)
	}
	if len(files) < 2 {
		t.Fatalf("only %v: expected translations next to en.toml", files)
	}
	en := readI18n(t, "i18n/en.toml")
	for _, name := range files {
		t.Run(strings.TrimSuffix(path.Base(name), ".toml"), func(t *testing.T) {
			m := readI18n(t, name)

			var missing, extra []string
			for _, k := range sortedKeys(en) {
				if _, ok := m[k]; !ok {
					missing = append(missing, k)
				}
			}
			for _, k := range sortedKeys(m) {
				if _, ok := en[k]; !ok {
					extra = append(extra, k)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s lacks keys of en.toml: %s", name, strings.Join(missing, ", "))
			}
			if len(extra) > 0 {
				t.Errorf("%s has keys that en.toml lacks: %s", name, strings.Join(extra, ", "))
			}

			for _, k := range sortedKeys(en) {
				want, ok := en[k].(string)
				if !ok {
					continue
				}
				v, present := m[k]
				if !present {
					continue // reported above
				}
				got, ok := v.(string)
				if !ok {
					t.Errorf("%s: %s is a %T, want a string", name, k, v)
					continue
				}
				if got == "" {
					t.Errorf("%s: %s is empty", name, k)
				}
				if gp, wp := placeholders(got), placeholders(want); !slices.Equal(gp, wp) {
					t.Errorf("%s: %s = %q has placeholders %v, en.toml has %v", name, k, got, gp, wp)
				}
			}

			months, ok := m["months"].([]any)
			if !ok {
				t.Errorf("%s: months is %T, want a list of 12 strings", name, m["months"])
			} else {
				if len(months) != 12 {
					t.Errorf("%s: months has %d items, want 12", name, len(months))
				}
				for i, x := range months {
					if s, ok := x.(string); !ok || s == "" {
						t.Errorf("%s: months[%d] = %v, want a non-empty string", name, i, x)
					}
				}
			}
			if f, ok := m["date_format"].(string); !ok || !strings.Contains(f, "{d}") || !strings.Contains(f, "{y}") ||
				!(strings.Contains(f, "{month}") || strings.Contains(f, "{m}")) {
				t.Errorf("%s: date_format = %v, want a string with {d}, {y} and {month} or {m}", name, m["date_format"])
			}
		})
	}
}

// TestStringsDate checks the date of every language on one day.
func TestStringsDate(t *testing.T) {
	day := time.Date(2025, time.March, 14, 0, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{
		"en":    "14 March 2025",
		"es":    "14 de marzo de 2025",
		"es-MX": "14 de marzo de 2025", // falls back to es.toml
		"fr":    "14 mars 2025",
		"mn":    "2025 оны 3-р сарын 14",
		"km":    "14 មីនា 2025",
		"xx":    "14 March 2025", // unknown: English
	} {
		s, err := loadStrings(agora.DefaultTheme, lang)
		if err != nil {
			t.Fatalf("loadStrings(%q): %v", lang, err)
		}
		if got := s.Date(day); got != want {
			t.Errorf("%s: Date(2025-03-14) = %q, want %q", lang, got, want)
		}
	}
}

// TestStringsT checks a translated string with a placeholder, and the
// English fallback of a key a language lacks.
func TestStringsT(t *testing.T) {
	es, err := loadStrings(agora.DefaultTheme, "es")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := es.T("members_shown", 3, 12), "Se muestran 3 de 12 integrantes"; got != want {
		t.Errorf("es members_shown = %q, want %q", got, want)
	}
	if got, want := es.T("no_such_key"), "no_such_key"; got != want {
		t.Errorf("es unknown key = %q, want %q", got, want)
	}
	fr, err := loadStrings(agora.DefaultTheme, "fr")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fr.T("minutes_n", 90), "90 minutes"; got != want {
		t.Errorf("fr minutes_n = %q, want %q", got, want)
	}
}

// FuzzDateFormat: any date_format a theme's strings give is filled in as
// strings.Replacer would (the way Date was first written).
func FuzzDateFormat(f *testing.F) {
	for _, s := range []string{"{d} {month} {y}", "{y}-{m}-{d}", "{{d}}", "{mon", "{month}{m}{", "}{y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		day := time.Date(2025, time.March, 4, 0, 0, 0, 0, time.UTC)
		s := &Strings{format: format}
		want := strings.NewReplacer("{d}", "4", "{month}", "3", "{m}", "3", "{y}", "2025").Replace(format)
		if got := s.Date(day); got != want {
			t.Errorf("format %q: %q, want %q", format, got, want)
		}
	})
}
