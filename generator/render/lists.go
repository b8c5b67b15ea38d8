package render

import (
	"cmp"
	"slices"
	"sync"

	"github.com/agora-community/agora/generator/paginate"
	"github.com/agora-community/agora/generator/schema"
)

// Every list that grows with the content is published in pages of
// site.toml's page_size (paginate): a network of 10,000 entries had an
// action list of 4 MB, more than a cheap phone on a slow line can open.

// defaultPageSize is page_size when site.toml leaves it out (config's
// schema says the same).
const defaultPageSize = 50

// pageSize is how many items a page of a list holds.
func (s *Site) pageSize() int {
	if n := s.in.Config.PageSize; n > 0 {
		return n
	}
	return defaultPageSize
}

// orderedList is a list's entries in the order its pages show them, made
// once per build on first use: a list of 100,000 entries is ordered once,
// not once for each of its 2,000 pages.
type orderedList struct {
	once    sync.Once
	order   func() []*Entry
	entries []*Entry
	// years are where each year starts in a list ordered by a date
	// field, found once for all the list's pages (see YearLinks).
	yearsOnce sync.Once
	years     []yearStart
}

type yearStart struct{ year, index int }

func newList(order func() []*Entry) *orderedList { return &orderedList{order: order} }

func (l *orderedList) all() []*Entry {
	l.once.Do(func() { l.entries = l.order() })
	return l.entries
}

// listSpec is one paged list of the site: its pages are jobs, and each is
// in the sitemap.
type listSpec struct {
	kind, title, base string
	typ               *schema.Type // the type whose list this is, if any
	total             int
	names             []string // the page templates to use, the first the theme has
	list              *orderedList
	facet             *Facet
}

// pages calls page for every page of the list.
func (s *Site) listPages(l listSpec, page func(*Page)) {
	count := paginate.Pages(l.total, s.pageSize())
	for n := 1; n <= count; n++ {
		pg := s.newPage(l.kind, l.title, paginate.Path(l.base, n))
		pg.Type, pg.Data, pg.list = l.typ, l.facet, l.list
		pg.Pager = paginate.Of(l.base, n, l.total, s.pageSize())
		page(pg)
	}
}

// listSpecs are the site's paged lists, made once: each type's list, the
// action items, and the facets.
func (s *Site) listSpecs() []listSpec {
	s.specsOnce.Do(func() { s.specs = s.makeListSpecs() })
	return s.specs
}

func (s *Site) makeListSpecs() []listSpec {
	var out []listSpec
	for _, t := range s.in.Schema.Types {
		if listed(t) {
			out = append(out, listSpec{kind: "index", title: s.typeLabel(t), base: t.Folder + "/", typ: t,
				total: len(s.byType[t.Name]), names: []string{t.Name + "-index", "index"}, list: s.typeList(t)})
		}
	}
	if s.in.Schema.Type("minutes") != nil {
		out = append(out, listSpec{kind: "actions", title: s.theme.Strings.T("nav_actions"), base: "actions/",
			total: len(s.actionList()), names: []string{"actions"}})
	}
	out = append(out, s.isolatedList()...)
	for _, f := range s.facets() {
		out = append(out, listSpec{kind: "facet", title: f.Label, base: f.Path, typ: f.Type, total: len(f.Entries),
			names: []string{f.Type.Name + "-facet", "facet"}, list: &orderedList{entries: f.Entries, order: func() []*Entry { return f.Entries }}, facet: f})
	}
	return out
}

// typeList is a type's published entries in the order its list shows
// them: the type's own order, but for the lists the default theme groups
// (members by country, rules by category, topics by demand) or arranges
// (modules in learning-path order), so that each page is a run of groups.
func (s *Site) typeList(t *schema.Type) *orderedList {
	return newList(func() []*Entry {
		entries := s.Entries(t.Name)
		switch t.Name {
		case "member":
			s.byCountry(entries)
		case "rule":
			byEnum(entries, t.Lookup("category"))
		case "topic":
			return s.topicsByDemand()
		case "module":
			return s.learningPath()
		}
		return entries
	})
}

// byCountry orders members by their country's name in the site's
// language, members without a country last, each country's in the
// type's order.
func (s *Site) byCountry(members []*Entry) {
	names := map[string]string{}
	name := func(e *Entry) string {
		c := e.S("country")
		if _, ok := names[c]; !ok {
			names[c] = s.theme.Strings.Country(c)
		}
		return names[c]
	}
	slices.SortStableFunc(members, func(a, b *Entry) int {
		ca, cb := a.S("country"), b.S("country")
		if (ca == "") != (cb == "") {
			if ca == "" {
				return 1
			}
			return -1
		}
		return cmp.Compare(name(a), name(b))
	})
}

// byEnum orders entries by the place of their value among an enum
// field's values, entries without one last.
func byEnum(entries []*Entry, f *schema.Field) {
	if f == nil || f.Private {
		return
	}
	place := func(e *Entry) int {
		if i := slices.Index(f.Values, e.S(f.Name)); i >= 0 {
			return i
		}
		return len(f.Values)
	}
	slices.SortStableFunc(entries, func(a, b *Entry) int { return cmp.Compare(place(a), place(b)) })
}

// PageEntries are the entries of the page's share of its list.
func (p *Page) PageEntries() []*Entry {
	if p.list == nil {
		return nil
	}
	all := p.list.all()
	from, to := p.Pager.Bounds()
	return all[min(from, len(all)):min(to, len(all))]
}

// YearLinks lead to where each year of a list ordered by a date field
// (newest first) starts: the minutes' years, over all their pages.
func (p *Page) YearLinks(field string) []YearLink {
	l := p.list
	if l == nil {
		return nil
	}
	l.yearsOnce.Do(func() {
		for i, e := range l.all() {
			if y := e.Time(field).Year(); len(l.years) == 0 || l.years[len(l.years)-1].year != y {
				l.years = append(l.years, yearStart{y, i})
			}
		}
	})
	out := make([]YearLink, len(l.years))
	for i, y := range l.years {
		out[i] = YearLink{Year: y.year, Path: p.pathOf(y.index)}
	}
	return out
}

// YearLink is where a year starts in a paged list.
type YearLink struct {
	Year int
	Path string // "" on the page in view
}

// pathOf is the path of the page of p's list that holds item i, or ""
// when that is p.
func (p *Page) pathOf(i int) string {
	n := paginate.PageOf(i, p.Pager.Size)
	if n == p.Pager.Number {
		return ""
	}
	return paginate.Path(p.Pager.Base, n)
}
