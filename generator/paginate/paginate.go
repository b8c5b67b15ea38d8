// Package paginate splits a list that grows with the content into pages
// of a fixed size: which items a page holds, where it is published and
// the numbered links between its pages. A list's first page is at the
// list's own path ("minutes/"); page N after it at "minutes/page/N/", as
// the content model says.
package paginate

import "strconv"

// Pages is how many pages total items fill at size items a page; an
// empty list still has its first page.
func Pages(total, size int) int {
	if total <= 0 || size <= 0 {
		return 1
	}
	return (total + size - 1) / size
}

// Path is where page n (from 1) of the list at base ("minutes/") is.
func Path(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// Page is one page of a list.
type Page struct {
	Number int    // from 1
	Count  int    // how many pages the list has
	Size   int    // items a page
	Total  int    // items in the whole list
	Base   string // the list's path, its first page's
}

// Of is page n of a list of total items at base.
func Of(base string, n, total, size int) Page {
	return Page{Number: n, Count: Pages(total, size), Size: size, Total: total, Base: base}
}

// Bounds are the indices of the page's first item and of the item after
// its last, for slicing the list.
func (p Page) Bounds() (from, to int) {
	if p.Size <= 0 {
		return 0, p.Total
	}
	from = min((p.Number-1)*p.Size, p.Total)
	return from, min(from+p.Size, p.Total)
}

// First is the position (from 1) of the page's first item, Last of its
// last: "items 51-100 of 412".
func (p Page) First() int { from, _ := p.Bounds(); return from + 1 }
func (p Page) Last() int  { _, to := p.Bounds(); return to }

// Paged reports whether the list has more than one page.
func (p Page) Paged() bool { return p.Count > 1 }

// Path is this page's path.
func (p Page) Path() string { return Path(p.Base, p.Number) }

// Prev and Next are the paths of the pages before and after, or "".
func (p Page) Prev() string {
	if p.Number <= 1 {
		return ""
	}
	return Path(p.Base, p.Number-1)
}

func (p Page) Next() string {
	if p.Number >= p.Count {
		return ""
	}
	return Path(p.Base, p.Number+1)
}

// PageOf is the page (from 1) that holds the item at index i of the list.
func PageOf(i, size int) int {
	if size <= 0 {
		return 1
	}
	return i/size + 1
}

// Link is one entry of a page's numbered navigation: a page's number and
// path, or a gap (Number 0) where pages are left out.
type Link struct {
	Number  int
	Path    string
	Current bool
}

// Gap reports whether the link stands for pages left out ("…").
func (l Link) Gap() bool { return l.Number == 0 }

// Links lists the numbered navigation of the page: the first and last
// pages, and those within two of this one, with a gap where pages are
// left out; a list of a thousand pages gets a dozen links, not a
// thousand. A gap would stand for one page only is that page instead.
func (p Page) Links() []Link {
	if p.Count <= 1 {
		return nil
	}
	shown := []int{1}
	for n := max(2, p.Number-2); n <= min(p.Count-1, p.Number+2); n++ {
		shown = append(shown, n)
	}
	shown = append(shown, p.Count)
	var out []Link
	for i, n := range shown {
		if i > 0 {
			switch gap := n - shown[i-1]; {
			case gap == 2:
				out = append(out, p.link(n-1))
			case gap > 2:
				out = append(out, Link{})
			}
		}
		out = append(out, p.link(n))
	}
	return out
}

func (p Page) link(n int) Link {
	return Link{Number: n, Path: Path(p.Base, n), Current: n == p.Number}
}
