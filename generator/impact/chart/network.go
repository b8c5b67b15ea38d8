package chart

import (
	"fmt"
	"math"
	"strings"
)

// Network draws the network map from a layout in the unit square:
// nodes, the light lines of co-attendance under them, and arrows from
// provider to recipient, each status with its own dash pattern.
type Network struct {
	Text
	Nodes  []NetworkNode
	Groups []NetworkGroup
	Arrows []NetworkArrow
	Lines  []NetworkLine
	Legend []LegendItem // arrow classes, then "meet", then "isolated"
}

// NetworkNode is a member or a group of members.
type NetworkNode struct {
	Label string
	X, Y  float64 // in the unit square
	Size  float64 // 0 for the smallest mark; grows with the square root
	Class string  // "" or "isolated"
}

// NetworkGroup labels a country or region at its centre.
type NetworkGroup struct {
	Label string
	X, Y  float64
}

// NetworkArrow is exchanges from one node to another: Class is the
// status, Rank its place among the statuses (arrows of different
// statuses between the same nodes are drawn side by side), N how many.
type NetworkArrow struct {
	From, To int
	Class    string
	Rank     int
	N        int
}

// NetworkLine is co-attendance between two nodes, N meetings.
type NetworkLine struct {
	A, B int
	N    int
}

const (
	mapHeight = 560
	mapMargin = 70 // room for labels at the edges
	nodeLabel = 18 // characters of a node's label before it is clipped
)

// SVG draws the map.
func (c Network) SVG() string {
	var b strings.Builder
	top := 32.0
	c.open(&b, "network", mapHeight+top)
	legend(&b, c.Legend, 8, legendMark)
	at := func(x, y float64) (float64, float64) {
		return mapMargin + x*(Width-2*mapMargin), top + 24 + y*(mapHeight-48)
	}
	for _, g := range c.Groups {
		x, y := at(g.X, g.Y)
		fmt.Fprintf(&b, `<text class="group" x="%s" y="%s">%s</text>`, num(x), num(y), esc(clip(g.Label, 24)))
	}
	for _, l := range c.Lines {
		x1, y1 := at(c.Nodes[l.A].X, c.Nodes[l.A].Y)
		x2, y2 := at(c.Nodes[l.B].X, c.Nodes[l.B].Y)
		fmt.Fprintf(&b, `<line class="meet %s" x1="%s" y1="%s" x2="%s" y2="%s"/>`, weight(l.N), num(x1), num(y1), num(x2), num(y2))
	}
	for _, a := range c.Arrows {
		from, to := c.Nodes[a.From], c.Nodes[a.To]
		x1, y1 := at(from.X, from.Y)
		x2, y2 := at(to.X, to.Y)
		b.WriteString(arrow(x1, y1, radius(from.Size), x2, y2, radius(to.Size), float64(3+3*a.Rank), a.Class+" "+weight(a.N)))
	}
	for _, n := range c.Nodes {
		x, y := at(n.X, n.Y)
		class := "node"
		if n.Class != "" {
			class += " " + n.Class
		}
		fmt.Fprintf(&b, `<circle class="%s" cx="%s" cy="%s" r="%s"/>`, attr(class), num(x), num(y), num(radius(n.Size)))
		// Labels go right of a node, but left of one in the right third,
		// so that they stay inside the picture.
		if n.X > 2.0/3 {
			fmt.Fprintf(&b, `<text class="label name end" x="%s" y="%s">%s</text>`, num(x-radius(n.Size)-3), num(y+4), esc(clip(n.Label, nodeLabel)))
		} else {
			fmt.Fprintf(&b, `<text class="label name" x="%s" y="%s">%s</text>`, num(x+radius(n.Size)+3), num(y+4), esc(clip(n.Label, nodeLabel)))
		}
	}
	closeSVG(&b)
	return b.String()
}

func radius(size float64) float64 { return 5 + min(3*math.Sqrt(max(size, 0)), 22) }

// weight is the class of a line's thickness: one, two, or three or more.
func weight(n int) string {
	switch {
	case n >= 3:
		return "w3"
	case n == 2:
		return "w2"
	}
	return "w1"
}

// arrow is a path from the edge of one node to the edge of the other,
// moved off the centre line by offset to its right (so that the arrows
// of two members to each other are both seen), with an open head.
func arrow(x1, y1, r1, x2, y2, r2, offset float64, class string) string {
	dx, dy := x2-x1, y2-y1
	d := math.Hypot(dx, dy)
	if d < r1+r2+2 {
		return ""
	}
	ux, uy := dx/d, dy/d
	px, py := -uy*offset, ux*offset // to the right of the direction of travel, in SVG's downward y
	sx, sy := x1+ux*r1+px, y1+uy*r1+py
	ex, ey := x2-ux*(r2+2)+px, y2-uy*(r2+2)+py
	const head = 7
	hx1, hy1 := ex-ux*head-uy*head*0.6, ey-uy*head+ux*head*0.6
	hx2, hy2 := ex-ux*head+uy*head*0.6, ey-uy*head-ux*head*0.6
	return fmt.Sprintf(`<path class="arrow %s" d="M%s %sL%s %sM%s %sL%s %sL%s %s"/>`, attr(class),
		num(sx), num(sy), num(ex), num(ey), num(hx1), num(hy1), num(ex), num(ey), num(hx2), num(hy2))
}

// legendMark draws a legend's sample: a short arrow, a line, or a node.
func legendMark(b *strings.Builder, class string, x, y float64) {
	switch class {
	case "meet":
		fmt.Fprintf(b, `<line class="meet w2" x1="%s" y1="%s" x2="%s" y2="%s"/>`, num(x), num(y), num(x+16), num(y))
	case "isolated", "node":
		fmt.Fprintf(b, `<circle class="node %s" cx="%s" cy="%s" r="5"/>`, attr(class), num(x+8), num(y))
	default:
		b.WriteString(arrow(x, y, 0, x+18, y, 0, 0, class+" w1"))
	}
}
