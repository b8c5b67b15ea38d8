package chart

import (
	"fmt"
	"strings"
)

// Bars is a horizontal bar chart, one bar per row, each bar the sum of
// its series stacked left to right in the order of Series.
type Bars struct {
	Text
	Series []LegendItem // each series' class and name; one series draws no legend
	Rows   []BarRow
	// Max is the value of a full bar; 0 takes the largest row's total.
	Max float64
	// Unit follows each row's total ("%"), or nothing.
	Unit string
}

// BarRow is one bar: a label and a value per series.
type BarRow struct {
	Label  string
	Values []float64
}

const (
	barHeight = 18
	barGap    = 8
	maxLabel  = 28 // characters of a row label before it is clipped
)

// SVG draws the chart.
func (c Bars) SVG() string {
	var b strings.Builder
	labels := make([]string, len(c.Rows))
	for i, r := range c.Rows {
		labels[i] = r.Label
	}
	labelW := labelColumn(labels, maxLabel)
	top := 0.0
	if len(c.Series) > 1 {
		top = 28
	}
	height := top + float64(len(c.Rows))*(barHeight+barGap) + 24
	c.open(&b, "bars", height)
	if len(c.Series) > 1 {
		legend(&b, c.Series, 8, func(b *strings.Builder, class string, x, y float64) {
			fmt.Fprintf(b, `<rect class="%s" x="%s" y="%s" width="16" height="12"/>`, attr(class), num(x), num(y-6))
		})
		top += 4
	}
	full := c.Max
	for _, r := range c.Rows {
		full = max(full, sum(r.Values))
	}
	plotW := Width - labelW - 56 // room for the total after the bar
	for i, r := range c.Rows {
		y := top + float64(i)*(barHeight+barGap)
		fmt.Fprintf(&b, `<text class="label end" x="%s" y="%s">%s</text>`, num(labelW-8), num(y+13), esc(clip(r.Label, maxLabel)))
		x := labelW
		for s, v := range r.Values {
			if v <= 0 || full <= 0 {
				continue
			}
			w := plotW * v / full
			class := "bar"
			if s < len(c.Series) {
				class = c.Series[s].Class
			}
			fmt.Fprintf(&b, `<rect class="%s" x="%s" y="%s" width="%s" height="%d"/>`, attr(class), num(x), num(y), num(w), barHeight)
			x += w
		}
		fmt.Fprintf(&b, `<text class="label value" x="%s" y="%s">%s%s</text>`, num(x+6), num(y+13), Number(sum(r.Values)), esc(c.Unit))
	}
	axisY := top + float64(len(c.Rows))*(barHeight+barGap)
	fmt.Fprintf(&b, `<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(labelW), num(top-4), num(labelW), num(axisY-barGap+4))
	closeSVG(&b)
	return b.String()
}

func sum(values []float64) float64 {
	s := 0.0
	for _, v := range values {
		s += max(v, 0)
	}
	return s
}
