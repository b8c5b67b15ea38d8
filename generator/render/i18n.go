package render

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Strings are the theme's UI strings in one language, with English behind
// them for any key the language lacks.
type Strings struct {
	Lang string
	// Found is false when the theme has no strings for Lang (nor for its
	// base language): every string is English.
	Found    bool
	text     map[string]string
	fallback map[string]string
	months   []string
	format   string // date pattern: {d} {month} {y}, {m} for the month number
	// countries and languages remember Country and Language by code: a
	// site has few, and naming one parses tags and builds a namer.
	countries, languages names
}

func loadStrings(theme fs.FS, lang string) (*Strings, error) {
	read := func(l string) (map[string]any, error) {
		var m map[string]any
		b, err := fs.ReadFile(theme, "i18n/"+l+".toml")
		if err != nil {
			return nil, err
		}
		if _, err := toml.Decode(string(b), &m); err != nil {
			return nil, fmt.Errorf("i18n/%s.toml: %w", l, err)
		}
		return m, nil
	}
	en, err := read("en")
	if err != nil {
		return nil, err
	}
	own, err := read(lang)
	found := err == nil
	if err != nil {
		base, _, _ := strings.Cut(lang, "-")
		if own, err = read(base); err != nil {
			own = en
		}
		found = err == nil
	}
	s := &Strings{Lang: lang, text: flat(own), fallback: flat(en), Found: found}
	s.months = list(own["months"], list(en["months"], nil))
	s.format, _ = own["date_format"].(string)
	if s.format == "" {
		s.format = "{d} {month} {y}"
	}
	return s, nil
}

func flat(m map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

func list(v any, fallback []string) []string {
	l, ok := v.([]any)
	if !ok || len(l) != 12 {
		return fallback
	}
	out := make([]string, 12)
	for i, x := range l {
		out[i], _ = x.(string)
	}
	return out
}

// T returns the string for key; {0}, {1}… are replaced by args.
func (s *Strings) T(key string, args ...any) string {
	t, ok := s.text[key]
	if !ok {
		if t, ok = s.fallback[key]; !ok {
			t = key
		}
	}
	for i, a := range args {
		t = strings.ReplaceAll(t, "{"+strconv.Itoa(i)+"}", fmt.Sprint(a))
	}
	return t
}

// FileSize writes a byte count as people read it, in the site's language
// ("1.4 MB", "1,4 Mo"): powers of 1000, as phones and file browsers show
// sizes, rounded as media.HumanSize rounds them.
func (s *Strings) FileSize(n int64) string {
	switch {
	case n < 1000:
		return s.T("size_bytes", n)
	case n < 999_500:
		return s.T("size_kb", strconv.FormatFloat(float64(n)/1e3, 'f', 0, 64))
	case n < 9_950_000:
		return s.T("size_mb", strings.Replace(strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64), ".", s.T("decimal_separator"), 1))
	}
	return s.T("size_mb", strconv.FormatFloat(float64(n)/1e6, 'f', 0, 64))
}

// Date formats a date in the site's language.
func (s *Strings) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := strconv.Itoa(int(t.Month()))
	if len(s.months) == 12 {
		month = s.months[t.Month()-1]
	}
	var b strings.Builder
	b.Grow(len(s.format) + len(month) + 8) // one allocation: the numbers take at most 8 more
	for f := s.format; f != ""; {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			b.WriteString(f)
			break
		}
		b.WriteString(f[:i])
		f = f[i:]
		switch {
		case strings.HasPrefix(f, "{d}"):
			b.WriteString(strconv.Itoa(t.Day()))
			f = f[3:]
		case strings.HasPrefix(f, "{month}"):
			b.WriteString(month)
			f = f[7:]
		case strings.HasPrefix(f, "{m}"):
			b.WriteString(strconv.Itoa(int(t.Month())))
			f = f[3:]
		case strings.HasPrefix(f, "{y}"):
			b.WriteString(strconv.Itoa(t.Year()))
			f = f[3:]
		default:
			b.WriteByte('{')
			f = f[1:]
		}
	}
	return b.String()
}

// Country names an ISO 3166-1 region code ("MN") in the site's language.
func (s *Strings) Country(code string) string {
	if name, ok := s.countries.get(code); ok {
		return name
	}
	return s.countries.put(code, s.country(code))
}

func (s *Strings) country(code string) string {
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(s.tag()).Name(region); name != "" {
		return name
	}
	return code
}

// Language names a BCP 47 tag ("km") in the site's language.
func (s *Strings) Language(code string) string {
	if name, ok := s.languages.get(code); ok {
		return name
	}
	return s.languages.put(code, s.language(code))
}

func (s *Strings) language(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.Tags(s.tag()).Name(tag); name != "" {
		return name
	}
	return code
}

// names are names made for codes, safe for concurrent use.
type names struct {
	mu     sync.RWMutex
	byCode map[string]string
}

func (n *names) get(code string) (string, bool) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	name, ok := n.byCode[code]
	return name, ok
}

func (n *names) put(code, name string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.byCode == nil {
		n.byCode = map[string]string{}
	}
	n.byCode[code] = name
	return name
}

func (s *Strings) tag() language.Tag {
	t, err := language.Parse(s.Lang)
	if err != nil {
		return language.English
	}
	return t
}
