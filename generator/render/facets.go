package render

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Facet is the entries of one type that share one value of one field —
// the members of a region, the members who offer a topic, the minutes
// that discussed it — listed, page by page, at FOLDER/by.FIELD/VALUE/.
// The folder "by.FIELD" holds a dot, which no entry slug may, so a facet
// never takes an entry's URL.
type Facet struct {
	Type  *schema.Type
	Field string // "region", "offers", "terms.member"
	Value string // as written, or the slug of the entry a ref names
	Label string // what the value reads as: a country's name, an entry's title
	// Target is the entry a ref or topic field names; nil for other values.
	Target  *Entry
	Path    string
	Entries []*Entry // in the type's order
}

// directoryFilters are the member fields the directory filters by; each
// value of each has a facet, so the filters work without JavaScript
// (links to the facet pages) and, with it, across every page of the
// directory (the facets' member lists, see directory.go).
var directoryFilters = []string{"region", "country", "kind", "offers", "needs"}

// facetFields are the directory filters whose facets the directory links
// as chips; offers and needs are reached from the topic pages.
var facetFields = []string{"region", "country", "kind"}

// FacetFields names the fields whose facet pages the directory links.
func (p *Page) FacetFields() []string { return facetFields }

// facets makes every facet of the build once: the directory's, and one
// for each list of referring entries too long for the page it is shown on.
func (s *Site) facets() []*Facet {
	s.facetsOnce.Do(func() {
		s.facetList = append(s.memberValueFacets(), s.refFacets()...)
		s.facetByPath = make(map[string]*Facet, len(s.facetList))
		for _, f := range s.facetList {
			s.facetByPath[f.Path] = f
		}
	})
	return s.facetList
}

// facetAt is the facet listed at path, or nil.
func (s *Site) facetAt(path string) *Facet {
	s.facets()
	return s.facetByPath[path]
}

// memberValueFacets groups the published members by the values of the
// directory's plain fields (region, country, kind).
func (s *Site) memberValueFacets() []*Facet {
	t := s.in.Schema.Type("member")
	if t == nil {
		return nil
	}
	var out []*Facet
	for _, field := range facetFields {
		if f := t.Lookup(field); f == nil || f.Private || f.Target() != "" {
			continue
		}
		index := map[string]*Facet{}
		for _, m := range s.Entries("member") {
			v := m.originalS(field) // a translated region has its original's page
			if v == "" {
				continue
			}
			slug := facetSlug(v)
			f, ok := index[slug]
			if !ok {
				f = &Facet{Type: t, Field: field, Value: v, Label: s.facetLabel(field, m.S(field)), Path: facetPath(t, field, slug)}
				index[slug] = f
				out = append(out, f)
			}
			f.Entries = append(f.Entries, m)
		}
	}
	return out
}

// refFacets are the facets of references: for every published entry,
// the entries of each type whose field names it, when the directory
// filters by that field (a topic's offerers and seekers) or when there
// are more of them than a page shows (the minutes that discussed a
// topic, at 10,000 entries some 300). The entry's page shows the first
// page's worth and links the facet for the rest.
func (s *Site) refFacets() []*Facet {
	size := s.pageSize()
	filtered := s.filteredTypes()
	var out []*Facet
	for _, t := range s.in.Schema.Types {
		for _, target := range s.byType[t.Name] {
			edges := s.graph.Backlinks(target)
			if len(edges) == 0 || len(edges) <= size && !filtered[t.Name] {
				continue
			}
			for _, g := range referrerGroups(edges) {
				if g.n <= size && !s.filtersBy(g.from, g.field) {
					continue
				}
				if f := s.refFacet(target, g.from, g.field); f != nil && (len(f.Entries) > size || s.filtersBy(g.from, g.field)) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// filteredTypes are the types the directory's ref filters point at
// (topics): each of their entries gets its facets, however short.
func (s *Site) filteredTypes() map[string]bool {
	out := map[string]bool{}
	if m := s.in.Schema.Type("member"); m != nil {
		for _, name := range directoryFilters {
			if f := m.Lookup(name); f != nil && f.Target() != "" {
				out[f.Target()] = true
			}
		}
	}
	return out
}

// filtersBy reports whether the directory filters a type by a field.
func (s *Site) filtersBy(t *schema.Type, field string) bool {
	return t.Name == "member" && slices.Contains(directoryFilters, field)
}

// refFacet is the facet of the published entries of type from whose
// field names target, or nil when the field is private.
func (s *Site) refFacet(target *load.Entry, from *schema.Type, field string) *Facet {
	if privatePath(from, field) {
		return nil
	}
	entries := s.views(s.graph.From(target, from.Name, field))
	if len(entries) == 0 {
		return nil
	}
	sortByRank(entries)
	v := s.view(target)
	return &Facet{Type: from, Field: field, Value: target.Slug, Label: v.Title(), Target: v,
		Path: facetPath(from, field, target.Slug), Entries: entries}
}

// referrerGroup is how many edges of one type and field lead to an entry.
type referrerGroup struct {
	from  *schema.Type
	field string
	n     int
}

// referrerGroups counts an entry's backlinks by type and field; the edges
// come sorted by type, so each type's fields are counted together.
func referrerGroups(edges []link.Edge) []referrerGroup {
	var out []referrerGroup
	for _, e := range edges {
		i := slices.IndexFunc(out, func(g referrerGroup) bool { return g.from == e.From.Type && g.field == e.Field() })
		if i < 0 {
			out = append(out, referrerGroup{from: e.From.Type, field: e.Field()})
			i = len(out) - 1
		}
		out[i].n++
	}
	return out
}

// sortByRank puts entries in their types' order (see Entry.rank).
func sortByRank(entries []*Entry) {
	slices.SortFunc(entries, func(a, b *Entry) int { return cmp.Compare(a.rank, b.rank) })
}

func facetPath(t *schema.Type, field, slug string) string {
	return t.Folder + "/by." + field + "/" + slug + "/"
}

// facetSlug names a facet value's folder, keeping letters of every script
// (so two Khmer region names stay apart) and turning the rest into hyphens.
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

// DirectoryFacets lists the facets of one member field, by label, for
// the directory's links that filter without JavaScript.
func (p *Page) DirectoryFacets(field string) []*Facet {
	var out []*Facet
	for _, f := range p.s.facets() {
		if f.Type.Name == "member" && f.Field == field {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b *Facet) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// FacetField is what a facet page's kicker calls the list's field: the directory
// filter's name for a member field, else the field's label.
func (p *Page) FacetField(f *Facet) string {
	if f.Type.Name == "member" && slices.Contains(directoryFilters, f.Field) {
		return p.s.theme.Strings.T("filter_" + f.Field)
	}
	return fieldLabel(f.Type, f.Field)
}

// ListPath is the path of a type's list, or "" for a type that has none
// (free pages).
func (p *Page) ListPath(t *schema.Type) string {
	if !listed(t) {
		return ""
	}
	return t.Folder + "/"
}
