// Package chart draws the impact figures as inline SVG at build time: no
// script, and no style attribute (the pages' Content-Security-Policy
// allows none), so every colour, line and font comes from a class the
// theme's style.css styles, in light and dark schemes and in print.
// Each chart is an image with a title and a description (role="img",
// aria-labelledby), which the page follows with a table of its numbers:
// the chart is for the eye, the table for screen readers and
// spreadsheets. Colours are never the only difference: series are also
// told apart by order and labels, statuses by dash patterns, before and
// after by hollow and filled marks.
package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text names a chart: ID makes its elements' ids unique on the page
// ("needs" gives "needs-title"), Title and Desc are what assistive
// technology reads.
type Text struct {
	ID, Title, Desc string
}

// Width is the width of every chart's viewBox; pages scale it to fit.
const Width = 640

// svg writes the root element, the title and the description.
func (t Text) open(b *strings.Builder, class string, height float64) {
	fmt.Fprintf(b, `<svg class="chart %s" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %s" width="%d" height="%s">`,
		class, attr(t.ID), attr(t.ID), Width, num(height), Width, num(height))
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, attr(t.ID), esc(t.Title), attr(t.ID), esc(t.Desc))
}

func closeSVG(b *strings.Builder) { b.WriteString("</svg>") }

// esc escapes text for an element's content.
func esc(s string) string { return textEscaper.Replace(s) }

// attr escapes text for a quoted attribute.
func attr(s string) string { return attrEscaper.Replace(s) }

// The escapers are made once: a member page draws a chart, and making a
// Replacer for every label was a twentieth of a 10,000-entry build.
var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")
)

// num writes a coordinate with at most one decimal.
func num(x float64) string {
	x = math.Round(x*10) / 10
	if x == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Number formats a value for a label: whole numbers without decimals,
// others with one.
func Number(x float64) string {
	if x == math.Trunc(x) {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// clip shortens a label to n characters, with an ellipsis: the table
// beside the chart has it whole.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// textWidth guesses the width of a label in the charts' font (12 units
// high): charts are drawn at build time, with no font to measure.
func textWidth(s string) float64 { return 7.5 * float64(utf8.RuneCountInString(s)) }

// LegendItem is one entry of a legend: the class of its mark, its label.
type LegendItem struct {
	Class, Label string
}

// legend writes a row of swatches and labels at y, and returns the
// height it took.
func legend(b *strings.Builder, items []LegendItem, y float64, mark func(b *strings.Builder, class string, x, y float64)) float64 {
	x := 0.0
	rows := 1.0
	for _, it := range items {
		w := 22 + textWidth(it.Label) + 16
		if x > 0 && x+w > Width {
			x, y, rows = 0, y+20, rows+1
		}
		mark(b, it.Class, x, y)
		fmt.Fprintf(b, `<text class="label" x="%s" y="%s">%s</text>`, num(x+22), num(y+4), esc(it.Label))
		x += w
	}
	return rows * 20
}

// labelColumn is the width of the column of row labels, each clipped to
// n characters, with a margin, at most half the chart.
func labelColumn(labels []string, n int) float64 {
	w := 0.0
	for _, l := range labels {
		w = max(w, textWidth(clip(l, n)))
	}
	return min(w+16, Width/2)
}
