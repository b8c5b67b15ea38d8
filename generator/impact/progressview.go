package impact

import (
	"strconv"

	"github.com/agora-community/agora/generator/impact/chart"
)

// ProgressView is a member's progress as its page shows it: for each
// instrument, a chart of the areas assessed twice or more and a table of
// every area's first and latest score.
type ProgressView struct {
	Lead    string
	Figures []Figure
}

// NewProgressView makes a member's progress view; nil when the member
// was never assessed (or its scores are private).
func NewProgressView(progress []Progress, w Words, chartID string) *ProgressView {
	if len(progress) == 0 {
		return nil
	}
	out := &ProgressView{Lead: w.T("progress_text")}
	for start := 0; start < len(progress); {
		end := start
		for end < len(progress) && progress[end].Instrument == progress[start].Instrument {
			end++
		}
		out.Figures = append(out.Figures, instrumentProgress(progress[start:end], w, chartID+"-"+strconv.Itoa(len(out.Figures)+1)))
		start = end
	}
	return out
}

func instrumentProgress(areas []Progress, w Words, id string) Figure {
	name := areas[0].Instrument
	d := chart.Dumbbell{Text: chart.Text{ID: id, Title: w.T("progress_chart", name)}, First: w.T("impact_first"), Latest: w.T("impact_latest")}
	table := Table{Caption: w.T("progress_chart", name), Head: []string{w.T("impact_area"), w.T("impact_first"), w.T("impact_latest"), w.T("progress_change")}}
	for _, p := range areas {
		first := scoreText(p.First, w)
		if p.Assessments < 2 {
			table.Rows = append(table.Rows, []Cell{text(p.Area), text(first), text("—"), text(w.T("progress_once"))})
			continue
		}
		change := p.Latest.Score.Percent() - p.First.Score.Percent()
		sign := ""
		if change > 0 {
			sign = "+"
		}
		line := w.T("progress_area", p.Area, Percent(p.First.Score.Percent()), Percent(p.Latest.Score.Percent()))
		d.Desc += line + " "
		d.Rows = append(d.Rows, chart.DumbbellRow{Label: p.Area, First: p.First.Score.Percent(), Latest: p.Latest.Score.Percent()})
		table.Rows = append(table.Rows, []Cell{text(p.Area), text(first), text(scoreText(p.Latest, w)), text(sign + Percent(change) + " " + w.T("progress_points"))})
	}
	if len(d.Rows) == 0 {
		return Figure{Table: table}
	}
	return Figure{SVG: svg(d.SVG()), Table: table}
}

// scoreText is "3 of 5 (60 %), 10 April 2025".
func scoreText(r Reading, w Words) string {
	return w.T("progress_score", chart.Number(r.Score.Score), chart.Number(r.Score.Max), Percent(r.Score.Percent()), w.Date(r.Date))
}
