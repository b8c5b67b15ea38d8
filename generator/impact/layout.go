package impact

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/layout"
	"gonum.org/v1/gonum/graph/simple"
)

// The map is laid out by gonum's Eades force-directed layout. Gonum's
// graphs keep nodes and edges in maps, which Go iterates in a new order
// on every run, and the layout places nodes in the order it meets them:
// layoutGraph hands them over in order of ID instead, and the layout's
// randomness comes from a fixed seed, so the same content gives the same
// map, byte for byte.

// layoutGraph is an undirected weighted graph whose nodes and
// neighbours iterate in order of ID.
type layoutGraph struct {
	nodes  []graph.Node
	adj    [][]int64 // sorted neighbours of each node
	weight map[[2]int64]float64
}

func newLayoutGraph(n int) *layoutGraph {
	g := &layoutGraph{adj: make([][]int64, n), weight: map[[2]int64]float64{}}
	for i := range n {
		g.nodes = append(g.nodes, simple.Node(i))
	}
	return g
}

// connect adds w to the weight of the edge between a and b.
func (g *layoutGraph) connect(a, b int, w float64) {
	if a == b || w <= 0 {
		return
	}
	x, y := int64(min(a, b)), int64(max(a, b))
	if _, ok := g.weight[[2]int64{x, y}]; !ok {
		g.adj[x] = insertSorted(g.adj[x], y)
		g.adj[y] = insertSorted(g.adj[y], x)
	}
	g.weight[[2]int64{x, y}] += w
}

func insertSorted(list []int64, v int64) []int64 {
	i, _ := slices.BinarySearch(list, v)
	return slices.Insert(list, i, v)
}

func (g *layoutGraph) Node(id int64) graph.Node {
	if id < 0 || id >= int64(len(g.nodes)) {
		return nil
	}
	return g.nodes[id]
}

func (g *layoutGraph) Nodes() graph.Nodes { return iterator.NewOrderedNodes(g.nodes) }

func (g *layoutGraph) From(id int64) graph.Nodes {
	if g.Node(id) == nil {
		return graph.Empty
	}
	out := make([]graph.Node, len(g.adj[id]))
	for i, n := range g.adj[id] {
		out[i] = g.nodes[n]
	}
	return iterator.NewOrderedNodes(out)
}

func (g *layoutGraph) HasEdgeBetween(x, y int64) bool {
	_, ok := g.Weight(x, y)
	return ok && x != y
}

func (g *layoutGraph) Edge(u, v int64) graph.Edge { return g.WeightedEdge(u, v) }

func (g *layoutGraph) WeightedEdge(u, v int64) graph.WeightedEdge {
	w, ok := g.weight[[2]int64{min(u, v), max(u, v)}]
	if !ok {
		return nil
	}
	return simple.WeightedEdge{F: g.nodes[u], T: g.nodes[v], W: w}
}

func (g *layoutGraph) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	w, ok := g.weight[[2]int64{min(x, y), max(x, y)}]
	return w, ok
}

// layoutUpdates bounds the work: the map is aggregated to at most
// MapOptions.MaxNodes nodes before it is laid out, so a layout is a few
// thousand force computations whatever the network's size.
const layoutUpdates = 300

// place lays g out and returns each node's position, scaled into the
// unit square.
func place(g *layoutGraph) [][2]float64 {
	n := len(g.nodes)
	out := make([][2]float64, n)
	switch n {
	case 0:
		return out
	case 1:
		out[0] = [2]float64{0.5, 0.5}
		return out
	}
	eades := layout.EadesR2{Repulsion: 1, Rate: 0.02, Updates: layoutUpdates, Theta: 0.2, Src: rand.NewPCG(25, 2026)}
	opt := layout.NewOptimizerR2(g, eades.Update)
	for opt.Update() {
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range n {
		c := opt.Coord2(int64(i))
		out[i] = [2]float64{c.X, c.Y}
		minX, minY, maxX, maxY = math.Min(minX, c.X), math.Min(minY, c.Y), math.Max(maxX, c.X), math.Max(maxY, c.Y)
	}
	span := math.Max(maxX-minX, maxY-minY)
	if span == 0 || math.IsNaN(span) || math.IsInf(span, 0) {
		return circle(n)
	}
	// Scaled alike on both axes, centred: the layout's distances mean something.
	offX, offY := (span-(maxX-minX))/2, (span-(maxY-minY))/2
	for i := range out {
		out[i] = [2]float64{round3((out[i][0] - minX + offX) / span), round3((out[i][1] - minY + offY) / span)}
	}
	return out
}

// circle places n nodes evenly on a circle, for a layout that failed.
func circle(n int) [][2]float64 {
	out := make([][2]float64, n)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(n)
		out[i] = [2]float64{round3(0.5 + 0.5*math.Cos(a)), round3(0.5 + 0.5*math.Sin(a))}
	}
	return out
}

// round3 keeps three decimals: a thousandth of the map is well under a
// pixel, and rounding hides the last bits of floating-point arithmetic.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
