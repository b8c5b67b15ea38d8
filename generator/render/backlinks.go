package render

import (
	"cmp"
	"slices"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// BacklinkGroup is the entries of one type whose one field points here.
type BacklinkGroup struct {
	Type    *schema.Type
	Field   string
	Label   string
	Entries []*Entry // in the type's order, the first page_size of them
	Total   int
	Path    string // the facet with them all, when Entries are not all
}

// Backlinks pairs the entry's backlink groups with the page.
type Backlinks struct {
	Page   *Page
	Groups []BacklinkGroup
}

// BacklinksExcept lists the groups of entries pointing at the page's entry,
// leaving out those the template already shows, named "type.field"
// ("minutes.attendees"); community-added types always appear.
func (p *Page) BacklinksExcept(shown ...string) Backlinks {
	if p.Entry == nil {
		return Backlinks{p, nil}
	}
	return Backlinks{p, p.s.backlinks(p.Entry.e, shown)}
}

// backlinks groups the published entries pointing at e by type and
// field, but for the groups named in shown, each in its type's order and
// cut to page_size (with the facet that has them all). Those are the largest (every
// meeting a member attended), so their edges are passed over first.
func (s *Site) backlinks(e *load.Entry, shown []string) []BacklinkGroup {
	var out []BacklinkGroup
	for _, edge := range s.graph.Backlinks(e) {
		if isShown(shown, edge.From.Type.Name, edge.Field()) || !s.published(edge.From) || privatePath(edge.From.Type, edge.Field()) {
			continue
		}
		n := len(out)
		if n == 0 || out[n-1].Type != edge.From.Type || out[n-1].Field != edge.Field() {
			out = append(out, BacklinkGroup{Type: edge.From.Type, Field: edge.Field(), Label: fieldLabel(edge.From.Type, edge.Field())})
			n++
		}
		g := &out[n-1]
		if len(g.Entries) == 0 || g.Entries[len(g.Entries)-1].e != edge.From {
			g.Entries = append(g.Entries, s.view(edge.From))
		}
	}
	slices.SortStableFunc(out, func(a, b BacklinkGroup) int {
		return cmp.Or(cmp.Compare(a.Type.Name, b.Type.Name), cmp.Compare(a.Field, b.Field))
	})
	out = mergeGroups(out)
	for i := range out {
		g := &out[i]
		sortByRank(g.Entries)
		g.Total = len(g.Entries)
		g.Entries, g.Path = s.capReferrers(g.Entries, g.Type, g.Field, e.Slug)
	}
	return out
}

// isShown reports whether shown names typeName.field, without making the
// name: it is asked for every edge.
func isShown(shown []string, typeName, field string) bool {
	for _, name := range shown {
		if len(name) == len(typeName)+1+len(field) && name[len(typeName)] == '.' &&
			name[:len(typeName)] == typeName && name[len(typeName)+1:] == field {
			return true
		}
	}
	return false
}

// mergeGroups joins groups of the same type and field that the edge order split.
func mergeGroups(groups []BacklinkGroup) []BacklinkGroup {
	var out []BacklinkGroup
	for _, g := range groups {
		if n := len(out); n > 0 && out[n-1].Type == g.Type && out[n-1].Field == g.Field {
			for _, e := range g.Entries {
				if !slices.ContainsFunc(out[n-1].Entries, func(x *Entry) bool { return x.e == e.e }) {
					out[n-1].Entries = append(out[n-1].Entries, e)
				}
			}
			continue
		}
		out = append(out, g)
	}
	return out
}
