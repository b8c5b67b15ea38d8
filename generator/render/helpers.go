package render

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
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

// Filter is one select of the member directory's filter form.
type Filter struct {
	Field, Label string
	Facets       []Facet
}

// DirectoryFilters are the directory's filters: region, country, kind,
// offers and needs, each with the values members actually use.
func (p *Page) DirectoryFilters(members []*Entry) []Filter {
	var out []Filter
	for _, f := range []string{"region", "country", "kind", "offers", "needs"} {
		facets := p.Facets(members, f)
		for i := range facets {
			switch f {
			case "kind":
				facets[i].Label = p.s.theme.Strings.T("kind_" + facets[i].Value)
			case "country":
				facets[i].Label = p.s.theme.Strings.Country(facets[i].Value)
			}
		}
		if len(facets) > 0 {
			out = append(out, Filter{f, "filter_" + f, facets})
		}
	}
	return out
}

// facetFields are the directory filters that get a page of their own, so
// the directory can be filtered without JavaScript. Offers and needs have
// theirs already: the topic pages.
var facetFields = []string{"region", "country", "kind"}

// DirectoryFacet is one value of one filter and the members that have it.
type DirectoryFacet struct {
	Field, Value, Label, Path string
	Members                   []*Entry
}

// facets groups the published members by each facet field's values,
// once: the directory asks for them once per facet field.
func (s *Site) facets() []DirectoryFacet {
	s.facetsOnce.Do(func() { s.facetList = s.makeFacets() })
	return s.facetList
}

func (s *Site) makeFacets() []DirectoryFacet {
	t := s.in.Schema.Type("member")
	if t == nil {
		return nil
	}
	var out []DirectoryFacet
	for _, field := range facetFields {
		if f := t.Lookup(field); f == nil || f.Private {
			continue
		}
		index := map[string]int{}
		for _, m := range s.Entries("member") {
			v := m.S(field)
			if v == "" {
				continue
			}
			slug := facetSlug(v)
			i, ok := index[slug]
			if !ok {
				i = len(out)
				index[slug] = i
				out = append(out, DirectoryFacet{Field: field, Value: v, Label: s.facetLabel(field, v),
					Path: t.Folder + "/by." + field + "/" + slug + "/"})
			}
			out[i].Members = append(out[i].Members, m)
		}
	}
	return out
}

// facetSlug names a facet value's folder, keeping letters of every script
// (so two Khmer region names stay apart) and turning the rest into hyphens.
// The folder "by.FIELD" holds a dot, which no entry slug may, so a facet
// never takes an entry's URL.
func facetSlug(v string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	slug := strings.Trim(b.String(), "-")
	if len(slug) > maxFacetSlug {
		// File names are limited (255 bytes on most file systems): cut at
		// a character boundary and keep long values apart with a hash.
		cut := maxFacetSlug
		for cut > 0 && !utf8.RuneStart(slug[cut]) {
			cut--
		}
		sum := sha256.Sum256([]byte(v))
		slug = strings.TrimRight(slug[:cut], "-") + "-" + hex.EncodeToString(sum[:4])
	}
	if slug == "" {
		return "-"
	}
	return slug
}

// maxFacetSlug is the longest facet folder name, in bytes, before its hash.
const maxFacetSlug = 80

func (s *Site) facetLabel(field, value string) string {
	switch field {
	case "country":
		return s.theme.Strings.Country(value)
	case "kind":
		return s.theme.Strings.T("kind_" + value)
	}
	return value
}

func (s *Site) facetJobs() []Job {
	var jobs []Job
	for _, f := range s.facets() {
		pg := s.newPage("facet", f.Label, f.Path)
		pg.Type, pg.Data = s.in.Schema.Type("member"), &f
		jobs = append(jobs, s.pageJob(pg, "member-facet"))
	}
	return jobs
}

// FacetFields names the fields that have facet pages.
func (p *Page) FacetFields() []string { return facetFields }

// DirectoryFacets lists the facet pages of one field, for the directory's
// links that filter without JavaScript.
func (p *Page) DirectoryFacets(field string) []DirectoryFacet {
	var out []DirectoryFacet
	for _, f := range p.s.facets() {
		if f.Field == field {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b DirectoryFacet) int { return strings.Compare(a.Label, b.Label) })
	return out
}
