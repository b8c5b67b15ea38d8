package impact

import (
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/impact/chart"
)

func (v viewMaker) networkMap() Section {
	m := v.r.Map
	s := Section{ID: "network-map", Heading: v.w.T("impact_map")}
	if len(m.Arrows) == 0 && len(m.Lines) == 0 {
		s.Missing = v.w.T("impact_map_none")
		return s
	}
	if m.Level == "member" {
		s.Lead = []string{v.w.T("impact_map_members", v.w.T("impact_by_"+m.GroupBy))}
	} else {
		s.Lead = []string{v.w.T("impact_map_groups", len(v.in.Members), v.w.T("impact_level_"+m.Level), len(m.Nodes)), v.w.T("impact_map_groups_done")}
	}
	s.Lead = append(s.Lead, v.w.T("impact_map_arrows"), v.w.T("impact_map_lines", m.LargeMeeting))
	isolated := map[string]bool{}
	for _, slug := range v.r.Isolated {
		isolated[slug] = true
	}
	labels := make([]string, len(m.Nodes))
	c := chart.Network{Text: chart.Text{ID: "map-chart", Title: v.w.T("impact_map"),
		Desc: strings.Join(s.Lead, " ") + " " + v.w.T("impact_map_counts", len(m.Nodes), len(m.Arrows), len(m.Lines))}}
	for i, n := range m.Nodes {
		node := chart.NetworkNode{X: n.X, Y: n.Y}
		if m.Level == "member" {
			labels[i], _ = v.names.Member(n.Key)
			node.Size = float64(n.Exchanges)
			if isolated[n.Key] {
				node.Class = "isolated"
			}
		} else {
			labels[i] = v.groupLabel(n.Key, m.Level)
			node.Size = float64(n.Members)
		}
		node.Label = labels[i]
		c.Nodes = append(c.Nodes, node)
	}
	for _, g := range m.Groups {
		c.Groups = append(c.Groups, chart.NetworkGroup{Label: v.groupLabel(g.Key, m.GroupBy), X: g.X, Y: g.Y})
	}
	for _, a := range m.Arrows {
		// Between groups, where every group teaches every other, only
		// what was done is drawn; the table lists every status.
		if m.Level == "member" || a.Status == "done" {
			c.Arrows = append(c.Arrows, chart.NetworkArrow{From: a.From, To: a.To, Class: a.Status, Rank: slices.Index(Statuses, a.Status), N: a.N})
		}
	}
	for _, l := range m.Lines {
		c.Lines = append(c.Lines, chart.NetworkLine{A: l.A, B: l.B, N: l.N})
	}
	for _, st := range []string{"done", "agreed", "proposed"} {
		if m.Level == "member" || st == "done" {
			c.Legend = append(c.Legend, chart.LegendItem{Class: st, Label: v.w.T("status_" + st)})
		}
	}
	c.Legend = append(c.Legend, chart.LegendItem{Class: "meet", Label: v.w.T("impact_met_in_meetings")})
	if m.Level == "member" && len(v.r.Isolated) > 0 {
		c.Legend = append(c.Legend, chart.LegendItem{Class: "isolated", Label: v.w.T("impact_isolated")})
	}
	s.Figures = []Figure{{svg(c.SVG()), v.arrowTable(m, labels)}, {Table: v.lineTable(m, labels)}}
	return s
}

// groupLabel names a region ("COUNTRY/REGION") or a country, or the rest.
func (v viewMaker) groupLabel(key, level string) string {
	if key == "" {
		return v.w.T("impact_other_groups")
	}
	country, region, isRegion := strings.Cut(key, "/")
	name := v.w.Country(country)
	if country == "" {
		name = v.w.T("impact_no_country")
	}
	if isRegion && level == "region" {
		if region == "" {
			return name
		}
		return region + " (" + name + ")"
	}
	return name
}

func (v viewMaker) arrowTable(m Map, labels []string) Table {
	t := Table{Caption: v.w.T("impact_map_exchanges"), Head: []string{v.w.T("impact_from"), v.w.T("impact_to"), v.w.T("status"), v.w.T("impact_exchanges")}}
	cell := func(i int) Cell {
		if m.Level == "member" {
			return v.member(m.Nodes[i].Key)
		}
		return text(labels[i])
	}
	for _, a := range m.Arrows[:min(len(m.Arrows), tableRows)] {
		t.Rows = append(t.Rows, []Cell{cell(a.From), cell(a.To), text(v.w.T("status_" + a.Status)), count(a.N)})
	}
	if len(m.Arrows) > tableRows {
		t.Note = v.w.T("impact_rows_of", tableRows, len(m.Arrows))
	}
	if len(m.Arrows) == 0 {
		t.Note = v.w.T("impact_map_no_exchanges")
	}
	return t
}

func (v viewMaker) lineTable(m Map, labels []string) Table {
	t := Table{Caption: v.w.T("impact_met_in_meetings"), Head: []string{v.w.T("impact_member"), v.w.T("impact_member"), v.w.T("impact_meetings")}}
	if m.Level != "member" {
		t.Head[0], t.Head[1] = v.w.T("impact_level_"+m.Level), v.w.T("impact_level_"+m.Level)
	}
	lines := slices.Clone(m.Lines)
	slices.SortStableFunc(lines, func(a, b Line) int { return b.N - a.N })
	for _, l := range lines[:min(len(lines), tableRows)] {
		t.Rows = append(t.Rows, []Cell{text(labels[l.A]), text(labels[l.B]), count(l.N)})
	}
	if len(lines) > tableRows {
		t.Note = v.w.T("impact_rows_of", tableRows, len(lines))
	}
	if len(lines) == 0 {
		t.Note = v.w.T("impact_map_no_lines")
	}
	return t
}
