package render

import "github.com/agora-community/agora/generator/schema"

// Entry pages list the entries that refer to them (the minutes that
// discussed a topic, the meetings a member attended), and in a large
// network such a list runs to thousands: a page shows the first page_size
// of them, in their type's order, and links the facet that lists them all.

// Referrers is such a list as an entry page shows it.
type Referrers struct {
	Entries []*Entry // the first page_size of them
	Total   int
	Path    string // the facet with them all, when Entries are not all
}

// Referrers lists the published entries of a type whose field names e,
// in the type's order, up to page_size of them; nil when there are none
// or the field is private.
func (p *Page) Referrers(e *Entry, typeName, field string) *Referrers {
	all := e.From(typeName, field)
	if len(all) == 0 {
		return nil
	}
	sortByRank(all)
	r := &Referrers{Total: len(all)}
	r.Entries, r.Path = p.s.capReferrers(all, all[0].Type(), field, e.Slug())
	return r
}

// ReferrerList pairs a list of referrers with the page, for the
// "referrers" partial.
type ReferrerList struct {
	Page    *Page
	Entries []*Entry
	Total   int
	Path    string
}

// WithReferrers hands a list of referrers to the "referrers" partial.
func (p *Page) WithReferrers(r *Referrers) ReferrerList {
	return ReferrerList{p, r.Entries, r.Total, r.Path}
}

// capReferrers cuts a list of the entries of type from that refer to
// the entry whose slug is target through field to page_size, and finds the facet that lists them
// all.
func (s *Site) capReferrers(entries []*Entry, from *schema.Type, field, target string) (shown []*Entry, facet string) {
	size := s.pageSize()
	if len(entries) <= size {
		return entries, ""
	}
	if f := s.facetAt(facetPath(from, field, target)); f != nil {
		facet = f.Path
	}
	return entries[:size], facet
}
