package chart

import (
	"fmt"
	"strings"
)

// Dumbbell compares a first and a latest value per row on a scale of 0
// to 100 (a share of the maximum score): a hollow mark for the first, a
// filled one for the latest, a line between them; a light band under
// each shows its spread (the middle half of the members), when given.
type Dumbbell struct {
	Text
	First, Latest string // the legend's names of the two marks
	Rows          []DumbbellRow
}

// DumbbellRow is one area.
type DumbbellRow struct {
	Label         string
	First, Latest float64
	// FirstSpread and LatestSpread are the bands' ends; equal ends draw none.
	FirstSpread, LatestSpread [2]float64
}

const (
	rowHeight    = 30
	maxAreaLabel = 36 // characters of an area's label before it is clipped
)

// SVG draws the chart.
func (c Dumbbell) SVG() string {
	var b strings.Builder
	labels := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		labels[i] = r.Label
	}
	labelW := labelColumn(labels, maxAreaLabel)
	top := 32.0
	height := top + float64(len(c.Rows))*rowHeight + 28
	c.open(&b, "dumbbell", height)
	legend(&b, []LegendItem{{"first", c.First}, {"latest", c.Latest}}, 8, func(b *strings.Builder, class string, x, y float64) {
		fmt.Fprintf(b, `<circle class="mark %s" cx="%s" cy="%s" r="5"/>`, class, num(x+8), num(y))
	})
	plotX, plotW := labelW+8, Width-labelW-32
	at := func(v float64) float64 { return plotX + plotW*min(max(v, 0), 100)/100 }
	bottom := top + float64(len(c.Rows))*rowHeight
	for _, tick := range []float64{0, 25, 50, 75, 100} {
		x := at(tick)
		fmt.Fprintf(&b, `<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x), num(top-4), num(x), num(bottom))
		fmt.Fprintf(&b, `<text class="label tick" x="%s" y="%s">%s %%</text>`, num(x), num(bottom+16), Number(tick))
	}
	for i, r := range c.Rows {
		y := top + float64(i)*rowHeight + rowHeight/2
		fmt.Fprintf(&b, `<text class="label end" x="%s" y="%s">%s</text>`, num(labelW-8), num(y+4), esc(clip(r.Label, maxAreaLabel)))
		for _, band := range []struct {
			spread [2]float64
			class  string
		}{{r.FirstSpread, "first"}, {r.LatestSpread, "latest"}} {
			if band.spread[1] > band.spread[0] {
				fmt.Fprintf(&b, `<rect class="spread %s" x="%s" y="%s" width="%s" height="12"/>`, band.class,
					num(at(band.spread[0])), num(y-6), num(at(band.spread[1])-at(band.spread[0])))
			}
		}
		fmt.Fprintf(&b, `<line class="change" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(at(r.First)), num(y), num(at(r.Latest)), num(y))
		fmt.Fprintf(&b, `<circle class="mark first" cx="%s" cy="%s" r="5"/>`, num(at(r.First)), num(y))
		fmt.Fprintf(&b, `<circle class="mark latest" cx="%s" cy="%s" r="5"/>`, num(at(r.Latest)), num(y))
	}
	closeSVG(&b)
	return b.String()
}
