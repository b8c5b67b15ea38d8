package render

import (
	"strings"
	"unicode/utf8"
)

// EntryList pairs entries with the page, for partials that link them.
type EntryList struct {
	Page    *Page
	Entries []*Entry
}

// With hands entries to a partial together with the page.
func (p *Page) With(entries []*Entry) EntryList { return EntryList{p, entries} }

// FieldList pairs field views with the page.
type FieldList struct {
	Page   *Page
	Fields []FieldView
}

// WithFields hands field views to the generic "fields" partial.
func (p *Page) WithFields(fields []FieldView) FieldList { return FieldList{p, fields} }

// Description is the page's summary for search engines and link previews.
func (p *Page) Description() string {
	if e := p.Entry; e != nil {
		for _, f := range []string{"summary", "definition", "mission", "description"} {
			if s := e.S(f); s != "" {
				return clip(s, 200)
			}
		}
		if e.Type().Description != "" {
			return clip(e.Title()+" — "+p.s.typeLabel(e.Type()), 200)
		}
	}
	if p.Type != nil && p.Type.Description != "" {
		return p.Type.Description
	}
	return p.s.in.Config.Description
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// Subtitle is the one line shown under an entry's title in lists.
func (p *Page) Subtitle(e *Entry) string { return p.s.subtitleOf(e) }

func (s *Site) subtitle(e *Entry) string {
	t := s.theme.Strings
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch e.Type().Name {
	case "member":
		add(t.T("kind_" + e.S("kind")))
		add(e.S("region"))
		if c := e.S("country"); c != "" {
			add(t.Country(c))
		}
	case "minutes":
		add(t.Date(e.Time("date")))
		add(e.S("location"))
	case "module":
		if l := e.S("level"); l != "" {
			add(t.T("level_" + l))
		}
		if d, ok := e.F("duration_minutes").(int64); ok {
			add(t.T("minutes_n", d))
		}
	case "rule":
		add(t.T("category_" + e.S("category")))
		add(t.T("status_" + e.S("status")))
	case "charter":
		add(t.Date(e.Time("adopted")))
	case "topic":
		add(clip(e.S("definition"), 120))
	case "exchange":
		if st := e.S("status"); st != "" {
			add(t.T("status_" + st))
		}
		if topic := e.Ref("topic"); topic != nil {
			add(topic.Title())
		}
		if d := e.Time("held"); !d.IsZero() {
			add(t.Date(d))
		} else if d := e.Time("agreed"); !d.IsZero() {
			add(t.T("agreed_on", t.Date(d)))
		}
	case "assessment":
		if n := len(e.Objects("scores")); n > 0 {
			add(t.T("areas_n", n))
		}
	default:
		for _, fv := range e.Fields() {
			if fv.Name != e.Type().TitleField && len(fv.Values) > 0 && fv.Values[0].Text != "" {
				add(clip(fv.Values[0].Text, 120))
				break
			}
		}
	}
	return strings.Join(parts, " · ")
}

// CountPath counts the published entries of the type at a list path ("members/").
func (p *Page) CountPath(path string) int {
	if t := p.s.in.Schema.ByFolder(strings.TrimSuffix(path, "/")); t != nil {
		return p.Count(t.Name)
	}
	return 0
}
