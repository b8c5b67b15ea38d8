package render

import (
	"sync"

	"github.com/agora-community/agora/generator/impact"
	"github.com/agora-community/agora/generator/schema"
)

// The impact page (/impact/) and a member's progress: package impact
// computes and draws them from the published entries, read here through
// the views, so a private field (a private score, say) is never among
// its inputs and no figure can reveal it, not even as an average.

// impactData is the figures of one build, each made once on first use:
// who to call when the jobs are listed (it decides whether
// /impact/isolated/ has pages), from the little it needs, so that listing
// the jobs (once per edit in agora serve) stays quick; the other figures
// by the impact page's job, while other pages render.
type impactData struct {
	isoOnce    sync.Once
	isoEntries []*Entry
	isoPath    string
	viewOnce   sync.Once
	view       impact.View
}

// isolated is who to call, and the path that lists them all when the
// impact page cannot: read from the members, the exchanges and only the
// minutes of the last twelve months.
func (s *Site) isolated() (entries []*Entry, path string) {
	d := &s.impactData
	d.isoOnce.Do(func() {
		in := impact.Input{Today: s.opts.Today}
		if in.Today.IsZero() {
			return
		}
		for _, m := range s.Entries("member") {
			in.Members = append(in.Members, impact.Member{Slug: m.Slug()})
		}
		in.Exchanges = s.impactExchanges()
		from := impact.Window(in.Today)
		for _, m := range s.Entries("minutes") {
			if date := m.Time("date"); date.After(from) && !date.After(in.Today) {
				in.Meetings = append(in.Meetings, s.impactMeeting(m))
			}
		}
		for _, slug := range impact.Isolated(in) {
			d.isoEntries = append(d.isoEntries, s.lookup("member", slug))
		}
		if len(d.isoEntries) > s.pageSize() {
			d.isoPath = "impact/isolated/"
		}
	})
	return d.isoEntries, d.isoPath
}

// privateScores reports whether the schema keeps an assessment's scores,
// or what a score is made of, private.
func privateScores(t *schema.Type) bool {
	if t == nil {
		return false
	}
	f := t.Lookup("scores")
	if f == nil || f.Private {
		return true
	}
	for _, name := range []string{"area", "score", "max"} {
		if sub := f.Lookup(name); sub == nil || sub.Private {
			return true
		}
	}
	return false
}

// impactInput reads the published members, exchanges, assessments and
// minutes through their views.
func (s *Site) impactInput(private bool) impact.Input {
	in := impact.Input{Today: s.opts.Today}
	for _, m := range s.Entries("member") {
		in.Members = append(in.Members, impact.Member{Slug: m.Slug(), Title: m.Title(), Region: m.S("region"),
			Country: m.S("country"), Needs: entrySlugs(m.Refs("needs"))})
	}
	in.Exchanges = s.impactExchanges()
	if !private {
		for _, a := range s.Entries("assessment") {
			if member := a.Ref("member"); member != nil {
				in.Assessments = append(in.Assessments, impact.Assessment{Slug: a.Slug(), Member: member.Slug(),
					Instrument: a.S("instrument"), Date: a.Time("date"), Scores: scores(a)})
			}
		}
	}
	for _, m := range s.Entries("minutes") {
		in.Meetings = append(in.Meetings, s.impactMeeting(m))
	}
	return in
}

// impactExchanges are the published exchanges on a published topic.
func (s *Site) impactExchanges() []impact.Exchange {
	var out []impact.Exchange
	for _, x := range s.Entries("exchange") {
		topic := x.Ref("topic")
		if topic == nil {
			continue
		}
		out = append(out, impact.Exchange{Slug: x.Slug(), Title: x.Title(), Topic: topic.Slug(),
			Providers: entrySlugs(x.Refs("providers")), Recipients: entrySlugs(x.Refs("recipients")), Status: x.S("status"),
			Agreed: x.Time("agreed"), Held: x.Time("held")})
	}
	return out
}

// impactMeeting is a meeting's date, rapporteur and participants.
func (s *Site) impactMeeting(m *Entry) impact.Meeting {
	meeting := impact.Meeting{Slug: m.Slug(), Date: m.Time("date")}
	if r := m.Ref("rapporteur"); r != nil {
		meeting.Rapporteur = r.Slug()
		meeting.Participants = append(meeting.Participants, r.Slug())
	}
	for _, field := range []string{"facilitators", "attendees"} {
		for _, e := range m.Refs(field) {
			if !containsString(meeting.Participants, e.Slug()) {
				meeting.Participants = append(meeting.Participants, e.Slug())
			}
		}
	}
	return meeting
}

// scores are an assessment's published scores with an area and a
// positive maximum.
func scores(a *Entry) []impact.Score {
	var out []impact.Score
	for _, o := range a.Objects("scores") {
		score, ok1 := asFloat(o.F("score"))
		max, ok2 := asFloat(o.F("max"))
		if area := o.S("area"); area != "" && ok1 && ok2 && max > 0 {
			out = append(out, impact.Score{Area: area, Score: score, Max: max})
		}
	}
	return out
}

func asFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func entrySlugs(entries []*Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Slug()
	}
	return out
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// impactNames finds members and topics for the impact views.
type impactNames struct{ s *Site }

func (n impactNames) Member(slug string) (string, string) { return n.entry("member", slug) }
func (n impactNames) Topic(slug string) (string, string)  { return n.entry(schema.TopicType, slug) }

func (n impactNames) entry(typeName, slug string) (string, string) {
	if e := n.s.lookup(typeName, slug); e != nil {
		return e.Title(), e.Path()
	}
	return slug, ""
}

// Impact is the impact page's figures, made once per build.
func (p *Page) Impact() impact.View {
	d := &p.s.impactData
	d.viewOnce.Do(func() {
		private := privateScores(p.s.in.Schema.Type("assessment"))
		in := p.s.impactInput(private)
		_, isoPath := p.s.isolated()
		d.view = impact.NewView(impact.Compute(in, impact.MapOptions{}), in, p.s.theme.Strings, impactNames{p.s}, impact.ViewOptions{
			PageSize: p.s.pageSize(), IsolatedPath: isoPath, PrivateScores: private, Today: p.s.opts.Today})
	})
	return d.view
}

// HasProgress reports whether the member's page shows its progress (for
// a link to it), without drawing it.
func (p *Page) HasProgress(member *Entry) bool {
	if privateScores(p.s.in.Schema.Type("assessment")) {
		return false
	}
	for _, a := range member.From("assessment", "member") {
		if len(scores(a)) > 0 {
			return true
		}
	}
	return false
}

// Progress is a member's first and latest scores per area, nil when it
// was never assessed or its scores are private. It reads only the
// member's own assessments (its backlinks), so that a member page renders
// without the whole network's figures: in agora serve, an edit renders
// the pages it reaches and no more.
func (p *Page) Progress(member *Entry) *impact.ProgressView {
	if privateScores(p.s.in.Schema.Type("assessment")) {
		return nil
	}
	var own []impact.Assessment
	for _, a := range member.From("assessment", "member") {
		own = append(own, impact.Assessment{Slug: a.Slug(), Member: member.Slug(), Instrument: a.S("instrument"), Date: a.Time("date"), Scores: scores(a)})
	}
	return impact.NewProgressView(impact.MemberProgress(member.Slug(), own), p.s.theme.Strings, "progress")
}

// impactPages are the impact page and, when more members than a page
// lists have not been heard from, the pages that list them all.
func (s *Site) impactJobs() []Job {
	jobs := []Job{s.pageJob(s.newPage("impact", s.theme.Strings.T("nav_impact"), "impact/"), "impact")}
	return jobs
}

// isolatedList is the paged list of the members nobody heard from, when
// the impact page cannot name them all.
func (s *Site) isolatedList() []listSpec {
	entries, path := s.isolated()
	if path == "" {
		return nil
	}
	return []listSpec{{kind: "isolated", title: s.theme.Strings.T("impact_isolated"), base: path, total: len(entries),
		names: []string{"impact-isolated"}, list: &orderedList{entries: entries, order: func() []*Entry { return entries }}}}
}

// FigureData pairs a figure with the page, for the "figure" partial.
type FigureData struct {
	Page   *Page
	Figure impact.Figure
}

// WithFigure hands a figure to the "figure" partial.
func (p *Page) WithFigure(f impact.Figure) FigureData { return FigureData{p, f} }

// LabelOf is the list heading of the type of that name (its label as
// the schema or the theme's strings say it), "" when there is none.
func (p *Page) LabelOf(typeName string) string {
	if t := p.s.in.Schema.Type(typeName); t != nil {
		return p.s.typeLabel(t)
	}
	return ""
}

// DoneExchanges counts the done exchanges on a topic.
func (p *Page) DoneExchanges(topic *Entry) int { return doneExchanges(topic) }

// ScoreShare is a score as a share of its maximum ("60 %"), or "" when
// either is not published.
func (p *Page) ScoreShare(o Object) string {
	score, ok1 := asFloat(o.F("score"))
	max, ok2 := asFloat(o.F("max"))
	if !ok1 || !ok2 || max <= 0 {
		return ""
	}
	return impact.Percent(100*score/max) + " %"
}
