package impact

import (
	"html/template"
	"strconv"

	"github.com/agora-community/agora/generator/impact/chart"
)

// topicsShown caps the topics the needs figure draws; tableRows the rows
// of the map's tables.
const (
	topicsShown = 15
	tableRows   = 100
)

func (v viewMaker) needs() Section {
	n := v.r.Needs
	s := Section{ID: "needs", Heading: v.w.T("impact_needs")}
	if n.Stated == 0 {
		s.Missing = v.w.T("impact_needs_none")
		return s
	}
	s.Lead = []string{v.w.T("impact_needs_text", n.Met, n.Stated, Percent(100*n.Share()))}
	shown := n.ByTopic[:min(topicsShown, len(n.ByTopic))]
	if len(shown) < len(n.ByTopic) {
		s.Lead = append(s.Lead, v.w.T("impact_needs_top", len(shown), len(n.ByTopic)))
	}
	bars := chart.Bars{Text: chart.Text{ID: "needs-chart", Title: v.w.T("impact_needs_chart"), Desc: s.Lead[0]},
		Series: []chart.LegendItem{{Class: "met", Label: v.w.T("impact_met")}, {Class: "unmet", Label: v.w.T("impact_not_met")}}}
	table := Table{Caption: v.w.T("impact_needs_chart"), Head: []string{v.w.T("topic"), v.w.T("impact_stated"), v.w.T("impact_met"), v.w.T("impact_share")}}
	for _, t := range shown {
		title, path := v.names.Topic(t.Topic)
		bars.Rows = append(bars.Rows, chart.BarRow{Label: title, Values: []float64{float64(t.Met), float64(t.Stated - t.Met)}})
		table.Rows = append(table.Rows, []Cell{{title, path}, count(t.Stated), count(t.Met), percentCell(100 * share(t.Met, t.Stated))})
	}
	s.Figures = []Figure{{svg(bars.SVG()), table}}
	return s
}

func (v viewMaker) timeline() Section {
	t := v.r.Timeline
	s := Section{ID: "exchanges-over-time", Heading: v.w.T("impact_timeline")}
	if t.Total == 0 {
		s.Missing = v.w.T("impact_timeline_none")
		return s
	}
	by := t.ByStatus()
	unit := "impact_quarter"
	if len(t.Periods) > 0 && t.Periods[0].Period.Quarter == 0 {
		unit = "impact_year"
	}
	s.Lead = []string{v.w.T("impact_timeline_text", t.Total, by[2], by[1], by[0], by[3]), v.w.T(unit + "_text")}
	legend := v.statusLegend()
	bars := chart.Bars{Text: chart.Text{ID: "timeline-chart", Title: v.w.T("impact_timeline_chart"), Desc: s.Lead[0]}, Series: legend}
	head := []string{v.w.T(unit)}
	for _, l := range legend {
		head = append(head, l.Label)
	}
	table := Table{Caption: v.w.T("impact_timeline_chart"), Head: head}
	add := func(label string, counts [4]int) {
		row := []Cell{text(label)}
		values := make([]float64, len(counts))
		for i, c := range counts {
			values[i] = float64(c)
			row = append(row, count(c))
		}
		bars.Rows = append(bars.Rows, chart.BarRow{Label: label, Values: values})
		table.Rows = append(table.Rows, row)
	}
	for _, p := range t.Periods {
		add(p.Period.Label(), p.Counts)
	}
	if t.Undated != [4]int{} {
		add(v.w.T("impact_undated"), t.Undated)
	}
	s.Figures = []Figure{{svg(bars.SVG()), table}}
	return s
}

func (v viewMaker) capacity() Section {
	s := Section{ID: "capacity", Heading: v.w.T("impact_capacity")}
	switch {
	case v.opts.PrivateScores:
		s.Missing = v.w.T("impact_capacity_private")
		return s
	case len(v.r.Capacity) == 0:
		s.Missing = v.w.T("impact_capacity_none")
		return s
	}
	s.Lead = []string{v.w.T("impact_capacity_text")}
	for i, inst := range v.r.Capacity {
		if !inst.Compared() {
			s.Points = append(s.Points, v.w.T("impact_capacity_once", inst.Name))
			continue
		}
		d := chart.Dumbbell{Text: chart.Text{ID: "capacity-chart-" + strconv.Itoa(i+1), Title: v.w.T("impact_capacity_chart", inst.Name)},
			First: v.w.T("impact_first"), Latest: v.w.T("impact_latest")}
		table := Table{Caption: v.w.T("impact_capacity_chart", inst.Name), Head: []string{v.w.T("impact_area"), v.w.T("impact_members_twice"),
			v.w.T("impact_first_median"), v.w.T("impact_latest_median"), v.w.T("impact_average"), v.w.T("impact_improved")}}
		for _, a := range inst.Areas {
			if a.Members == 0 {
				table.Rows = append(table.Rows, []Cell{text(a.Area), count(0), text("—"), text("—"), text("—"), text(v.w.T("impact_baseline_only", a.BaselineOnly))})
				continue
			}
			point := v.w.T("impact_area_change", inst.Name, a.Area, Percent(a.First.Mean), Percent(a.Latest.Mean), a.Members)
			s.Points = append(s.Points, point)
			d.Desc += point + " "
			d.Rows = append(d.Rows, chart.DumbbellRow{Label: a.Area, First: a.First.Median, Latest: a.Latest.Median,
				FirstSpread: [2]float64{a.First.Q1, a.First.Q3}, LatestSpread: [2]float64{a.Latest.Q1, a.Latest.Q3}})
			improved := v.w.T("impact_improved_of", a.Improved, a.Members)
			if a.BaselineOnly > 0 {
				improved += "; " + v.w.T("impact_baseline_only", a.BaselineOnly)
			}
			table.Rows = append(table.Rows, []Cell{text(a.Area), count(a.Members), text(spread(a.First)), text(spread(a.Latest)),
				text(Percent(a.First.Mean) + " % → " + Percent(a.Latest.Mean) + " %"), text(improved)})
		}
		s.Figures = append(s.Figures, Figure{svg(d.SVG()), table})
	}
	return s
}

// spread is a median with the middle half: "40 % (33–50)".
func spread(x Summary) string {
	return Percent(x.Median) + " % (" + Percent(x.Q1) + "–" + Percent(x.Q3) + ")"
}

func (v viewMaker) rotation() Section {
	r := v.r.Rotation
	s := Section{ID: "rotation", Heading: v.w.T("impact_rotation")}
	if r.Minutes == 0 {
		s.Missing = v.w.T("impact_rotation_none")
		return s
	}
	top := v.member(r.Top[0].Member)
	s.Lead = []string{v.w.T("impact_rotation_text", r.Rapporteurs, r.Minutes, top.Text, Percent(100*r.TopShare())),
		v.w.T("impact_rotation_never", len(r.Never), len(v.in.Members))}
	bars := chart.Bars{Text: chart.Text{ID: "rotation-chart", Title: v.w.T("impact_rotation_chart"), Desc: s.Lead[0]}}
	table := Table{Caption: v.w.T("impact_rotation_chart"), Head: []string{v.w.T("impact_member"), v.w.T("impact_minutes_written"), v.w.T("impact_share")}}
	for _, c := range r.Top {
		m := v.member(c.Member)
		bars.Rows = append(bars.Rows, chart.BarRow{Label: m.Text, Values: []float64{float64(c.N)}})
		table.Rows = append(table.Rows, []Cell{m, count(c.N), percentCell(100 * share(c.N, r.Minutes))})
	}
	if r.Rapporteurs > len(r.Top) {
		table.Note = v.w.T("impact_top_of", len(r.Top), r.Rapporteurs)
	}
	s.Figures = []Figure{{svg(bars.SVG()), table}}
	s.MembersLabel = v.w.T("impact_never_label")
	s.Members = v.memberLinks(r.Never, v.opts.PageSize)
	s.MembersTotal = len(r.Never)
	return s
}

func (v viewMaker) participation() Section {
	p := v.r.Participation
	s := Section{ID: "participation", Heading: v.w.T("impact_participation")}
	if len(p.Periods) == 0 {
		s.Missing = v.w.T("impact_participation_none")
		return s
	}
	unit := "impact_quarter"
	if p.Periods[0].Period.Quarter == 0 {
		unit = "impact_year"
	}
	s.Lead = []string{v.w.T("impact_participation_text", p.Members)}
	bars := chart.Bars{Text: chart.Text{ID: "participation-chart", Title: v.w.T("impact_participation_chart"), Desc: s.Lead[0]}}
	table := Table{Caption: v.w.T("impact_participation_chart"), Head: []string{v.w.T(unit), v.w.T("impact_meetings"), v.w.T("impact_participants"), v.w.T("impact_share_now")}}
	for _, pp := range p.Periods {
		bars.Rows = append(bars.Rows, chart.BarRow{Label: pp.Period.Label(), Values: []float64{float64(pp.Members)}})
		table.Rows = append(table.Rows, []Cell{text(pp.Period.Label()), count(pp.Meetings), count(pp.Members), percentCell(100 * share(pp.Members, p.Members))})
	}
	s.Figures = []Figure{{svg(bars.SVG()), table}}
	return s
}

func (v viewMaker) isolated() Section {
	s := Section{ID: "who-to-call", Heading: v.w.T("impact_isolated")}
	if v.opts.Today.IsZero() || len(v.in.Members) == 0 {
		s.Missing = v.w.T("impact_isolated_undated")
		return s
	}
	iso := v.r.Isolated
	if len(iso) == 0 {
		s.Lead = []string{v.w.T("impact_isolated_none", v.w.Date(v.opts.Today))}
		return s
	}
	s.Lead = []string{v.w.T("impact_isolated_text", len(iso), len(v.in.Members), v.w.Date(v.opts.Today))}
	s.Members = v.memberLinks(iso, v.opts.PageSize)
	s.MembersTotal = len(iso)
	if s.MembersMore() > 0 {
		s.MorePath = v.opts.IsolatedPath
	}
	return s
}

// svg marks a chart as safe HTML: package chart escapes every text it
// writes and writes no script, style or link.
func svg(s string) template.HTML { return template.HTML(s) }
