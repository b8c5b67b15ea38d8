package impact

import (
	"html/template"
	"math"
	"strconv"
	"time"

	"github.com/agora-community/agora/generator/impact/chart"
)

// The impact page and a member's progress as a theme shows them: each
// figure a heading, sentences that explain it, a chart and the table of
// its numbers, or a sentence that says what is missing. The words come
// from the theme's strings (Words), so the page is in the site's language.

// Words are the theme's strings and names.
type Words interface {
	// T is the string for key, with {0}, {1}… replaced by args.
	T(key string, args ...any) string
	Country(code string) string
	Date(d time.Time) string
}

// Names finds the title and page of what the figures name by slug.
type Names interface {
	Member(slug string) (title, path string)
	Topic(slug string) (title, path string)
}

// View is the impact page: its sections in order.
type View struct {
	Sections []Section
}

// Section is one figure of the page.
type Section struct {
	ID, Heading string
	Lead        []string // sentences that explain the figure
	Points      []string // one sentence per item (an area's change), as a list
	Missing     string   // what is missing, in place of the figure
	Figures     []Figure
	// Members is a list of members (who to call, who never wrote
	// minutes), under MembersLabel; MembersTotal counts them all, and
	// MorePath lists them all when Members are not all.
	MembersLabel string
	Members      []Link
	MembersTotal int
	MorePath     string
}

// MembersMore is how many members the list leaves out.
func (s Section) MembersMore() int { return s.MembersTotal - len(s.Members) }

// Figure is a chart and the table of its numbers.
type Figure struct {
	SVG   template.HTML // written by package chart: no script, no style, text escaped
	Table Table
}

// Table is a figure's numbers.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]Cell
	// Note says what the table leaves out ("the 100 largest of 340").
	Note string
}

// Cell is a table cell: text, and a link when it names a page.
type Cell struct {
	Text, Href string
}

// Link is a page and its title.
type Link struct {
	Title, Path string
}

// Percent rounds a share of 0 to 100 to a whole number for a sentence;
// a share above 0 but under 0.5 keeps a decimal, so that it does not
// read as none.
func Percent(x float64) string {
	if x > 0 && x < 0.5 {
		return strconv.FormatFloat(math.Max(0.1, math.Round(x*10)/10), 'f', 1, 64)
	}
	return strconv.Itoa(int(math.Round(x)))
}

// ViewOptions say what the page can link and how much it shows.
type ViewOptions struct {
	// PageSize caps the members a list names (who to call); IsolatedPath
	// lists them all.
	PageSize     int
	IsolatedPath string
	// PrivateScores is set when the schema makes scores private: the
	// capacity figure then says so instead of computing anything.
	PrivateScores bool
	Today         time.Time
}

// NewView makes the page's sections from a report.
func NewView(r Report, in Input, w Words, names Names, opts ViewOptions) View {
	v := viewMaker{r: r, in: in, w: w, names: names, opts: opts}
	return View{Sections: []Section{v.needs(), v.timeline(), v.capacity(), v.rotation(), v.participation(), v.networkMap(), v.isolated()}}
}

type viewMaker struct {
	r     Report
	in    Input
	w     Words
	names Names
	opts  ViewOptions
}

func (v viewMaker) member(slug string) Cell {
	title, path := v.names.Member(slug)
	return Cell{Text: title, Href: path}
}

func (v viewMaker) memberLinks(slugs []string, n int) []Link {
	var out []Link
	for _, s := range slugs[:min(n, len(slugs))] {
		title, path := v.names.Member(s)
		out = append(out, Link{title, path})
	}
	return out
}

func text(s string) Cell { return Cell{Text: s} }

func count(n int) Cell { return Cell{Text: strconv.Itoa(n)} }

func percentCell(x float64) Cell { return Cell{Text: Percent(x) + " %"} }

// statusLegend names the statuses, for charts and tables.
func (v viewMaker) statusLegend() []chart.LegendItem {
	out := make([]chart.LegendItem, len(Statuses))
	for i, s := range Statuses {
		out[i] = chart.LegendItem{Class: s, Label: v.w.T("status_" + s)}
	}
	return out
}
