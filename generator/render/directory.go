package render

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"
)

// The member directory is paged like every long list, and its filters
// work across all its pages. Without JavaScript they are links to the
// facet pages (region, country, kind; a topic's offerers and seekers
// from the topic page). With it, directory.js fetches the members of the
// selected value that has the fewest — each member facet's folder has
// them in members.json — and narrows them by the other selections, so a
// filter reads one small file, never the whole directory.

// Filter is one select of the member directory's filter form.
type Filter struct {
	Field, Label string
	Options      []Option
}

// Option is one value of a filter: how many members have it, and the
// facet that lists them.
type Option struct {
	Value, Label string
	Count        int
	Path         string // the facet's folder, which holds its members.json
}

// DirectoryFilters are the directory's filters, each with the values
// members use, the most common first; made once per build.
func (p *Page) DirectoryFilters() []Filter {
	s := p.s
	s.filtersOnce.Do(func() { s.filterList = s.makeFilters() })
	return s.filterList
}

func (s *Site) makeFilters() []Filter {
	var out []Filter
	for _, field := range directoryFilters {
		var options []Option
		for _, f := range s.facets() {
			if f.Type.Name == "member" && f.Field == field {
				options = append(options, Option{Value: s.filterValue(f), Label: f.Label, Count: len(f.Entries), Path: f.Path})
			}
		}
		slices.SortFunc(options, func(a, b Option) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label)) })
		if len(options) > 0 {
			out = append(out, Filter{field, "filter_" + field, options})
		}
	}
	return out
}

// filterValue is how a facet's value is written in the form and in the
// members' rows: a slug, so that "Sonora" and "sonora" are one region.
func (s *Site) filterValue(f *Facet) string {
	if f.Target != nil {
		return f.Value
	}
	return facetSlug(f.Value)
}

// directoryJobs write each member facet's members.json.
func (s *Site) directoryJobs() []Job {
	var jobs []Job
	for _, f := range s.facets() {
		if f.Type.Name == "member" && slices.Contains(directoryFilters, f.Field) {
			jobs = append(jobs, Job{f.Path + "members.json", func(w io.Writer) error { return s.writeMembers(w, f) }})
		}
	}
	return jobs
}

// writeMembers writes a facet's members, one row each:
// [path, name, lang, region, country, kind, [offers], [needs]], the values
// as the filters write them (see filterValue) but for topics, which are
// numbers: places in the file's list of topic slugs, for they make most
// of a row.
func (s *Site) writeMembers(w io.Writer, f *Facet) error {
	var b bytes.Buffer
	b.WriteString(`{"topics":`)
	b.Write(s.directoryTopics())
	b.WriteString(`,"members":[`)
	for i, m := range f.Entries {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(s.directoryRow(m))
	}
	b.WriteString("]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// directoryRow is a member's row of members.json, made once per build:
// a member is in a facet of each of its values.
func (s *Site) directoryRow(m *Entry) []byte {
	s.rowsOnce.Do(s.makeRows)
	return s.rows[m]
}

// directoryTopics is the list of topic slugs that rows number topics by.
func (s *Site) directoryTopics() []byte {
	s.rowsOnce.Do(s.makeRows)
	return s.topicSlugs
}

func (s *Site) makeRows() {
	var slugs []string
	place := map[string]int{}
	for _, t := range s.Entries("topic") {
		place[t.Slug()] = len(slugs)
		slugs = append(slugs, t.Slug())
	}
	s.topicSlugs, _ = json.Marshal(slugs)
	s.rows = map[*Entry][]byte{}
	for _, m := range s.Entries("member") {
		slug := func(field string) string {
			if v := m.originalS(field); v != "" {
				return facetSlug(v)
			}
			return ""
		}
		topics := func(field string) []int {
			out := []int{}
			for t := range m.eachRef(field) {
				out = append(out, place[t.Slug()])
			}
			return out
		}
		row, err := json.Marshal([]any{m.Path(), m.Title(), m.Lang(), slug("region"), slug("country"), slug("kind"), topics("offers"), topics("needs")})
		if err != nil {
			panic(err) // strings and lists of strings always encode
		}
		s.rows[m] = row
	}
}
