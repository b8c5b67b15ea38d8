package render

import (
	"context"

	"github.com/agora-community/agora/generator/cores"
	"github.com/agora-community/agora/generator/load"
)

// prepareViews makes the one view of every entry that pages share:
// templates ask for an entry's title, path and language on every link to
// it, thousands of times per entry in a large network. The views are made
// on every core (a title escaped, fields looked up: 100,000 of them took
// a core 0.1 s), then indexed.
func (s *Site) prepareViews() {
	entries := s.in.Content.Entries
	views := make([]*Entry, len(entries))
	cores.Each(context.Background(), len(entries), func(i int) { views[i] = s.newView(entries[i]) })
	s.viewOf = make(map[*load.Entry]*Entry, len(entries))
	s.viewBySlug = make(map[string]map[string]*Entry, len(s.byType))
	for name, published := range s.byType {
		s.viewBySlug[name] = make(map[string]*Entry, len(published))
	}
	for i, e := range entries {
		s.viewOf[e] = views[i]
		if bySlug := s.viewBySlug[e.Type.Name]; bySlug != nil && s.published(e) {
			bySlug[e.Slug] = views[i]
		}
	}
	for _, published := range s.byType {
		for i, e := range published {
			s.viewOf[e].rank = i
		}
	}
}

func (s *Site) newView(e *load.Entry) *Entry {
	v := &Entry{record: record{fields: e.Type.Fields, values: e.Fields, site: s}, e: e, path: entryPath(e)}
	v.record.entry = v
	s.translateView(v)
	v.setTitle(title(v.record, e))
	if e.Type.Name == "assessment" {
		v.setTitle(s.assessmentTitle(v))
	}
	v.lang = v.differentLang()
	return v
}

// assessmentTitle names an assessment by its instrument, member and date
// ("OCA: Altai Craft Women's Cooperative, 10 April 2025"): its title
// field, the instrument, is the same for a whole round of assessments.
// The member's name is read as its own view would read it, and left out
// when the member is not published.
func (s *Site) assessmentTitle(v *Entry) string {
	strs := s.theme.Strings
	when := strs.Date(v.Time("date"))
	if f := v.field("member"); f != nil {
		slug, _ := v.values["member"].(string)
		if m := s.graph.Lookup(f.Target(), slug); m != nil && s.published(m) {
			return strs.T("assessment_title", v.title, title(record{fields: m.Type.Fields, values: m.Fields, site: s}, m), when)
		}
	}
	return strs.T("assessment_title_alone", v.title, when)
}

func (s *Site) view(e *load.Entry) *Entry {
	if e == nil {
		return nil
	}
	if v, ok := s.viewOf[e]; ok {
		return v
	}
	return s.newView(e)
}

// subtitleOf is the entry's line under its title in lists, made once.
func (s *Site) subtitleOf(v *Entry) string {
	v.subtitleOnce.Do(func() { v.setSubtitle(s.subtitle(v)) })
	return v.subtitle
}

// subtitleHTMLOf is subtitleOf escaped as templates print it.
func (s *Site) subtitleHTMLOf(v *Entry) string {
	s.subtitleOf(v)
	return v.subtitleHTML
}
