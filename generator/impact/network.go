package impact

import (
	"cmp"
	"maps"
	"math"
	"slices"
)

// Map is the network map: members (or, in a large network, groups of
// members) as nodes, exchanges as arrows from provider to recipient,
// co-attendance as lines.
type Map struct {
	// Level is what a node stands for: "member", or in a network of more
	// members than MapOptions.MaxNodes, "region" or "country" (each node
	// a group of members; in a network of more groups than that, the
	// largest groups and one node "" for the rest).
	Level string
	// GroupBy is what member nodes are grouped by: "country" when the
	// members are in more than one, else "region".
	GroupBy string
	Nodes   []Node
	Groups  []Group // the groups of member nodes, each at the centre of its members
	Arrows  []Arrow
	Lines   []Line
	// LargeMeeting is the fewest participants of a meeting left out of
	// the co-attendance lines (three quarters of the members, and at
	// least 4): a general assembly, where everyone meets everyone, says
	// nothing about who works with whom.
	LargeMeeting int
}

// Node is a member or a group of members, placed in the unit square.
type Node struct {
	Key     string // a member slug; a group's "COUNTRY" or "COUNTRY/REGION"; "" for the rest
	Group   string // the group of a member node
	Members int    // 1 for a member node
	X, Y    float64
	// Exchanges counts the arrows' exchanges in and out of the node, and
	// Inner those between the members of a group node.
	Exchanges, Inner int
}

// Group is the members of one country or region, around a centre.
type Group struct {
	Key  string
	X, Y float64
}

// Arrow is the exchanges of one status from one node to another.
type Arrow struct {
	From, To int // indices into Nodes
	Status   string
	N        int
}

// Line is how many meetings members of two nodes attended together.
type Line struct {
	A, B int // indices into Nodes, A < B
	N    int
}

// MapOptions bound the map.
type MapOptions struct {
	// MaxNodes is the most nodes the map draws (default 60): a network
	// of more members is drawn by region or country.
	MaxNodes int
}

const defaultMaxNodes = 60

// NetworkMap makes the map: nodes, then their places (see place).
func NetworkMap(in Input, opts MapOptions) Map {
	maxNodes := opts.MaxNodes
	if maxNodes <= 0 {
		maxNodes = defaultMaxNodes
	}
	m := Map{Level: "member", GroupBy: "region", LargeMeeting: max(4, (3*len(in.Members)+3)/4)}
	countries := map[string]bool{}
	for _, mem := range in.Members {
		countries[mem.Country] = true
	}
	if len(countries) > 1 {
		m.GroupBy = "country"
	}
	nodeOf := m.nodes(in.Members, maxNodes)
	m.arrows(in.Exchanges, nodeOf)
	m.lines(in.Meetings, nodeOf)
	m.layout()
	return m
}

// groupKey is the key of a member's country, or of its region.
func groupKey(mem Member, by string) string {
	if by == "country" {
		return mem.Country
	}
	return mem.Country + "/" + mem.Region
}

// nodes makes the nodes, aggregating when there are more members than
// maxNodes, and returns each member's node.
func (m *Map) nodes(members []Member, maxNodes int) map[string]int {
	nodeOf := make(map[string]int, len(members))
	if len(members) <= maxNodes {
		for i, mem := range members {
			m.Nodes = append(m.Nodes, Node{Key: mem.Slug, Group: groupKey(mem, m.GroupBy), Members: 1})
			nodeOf[mem.Slug] = i
		}
		return nodeOf
	}
	m.Level = "region"
	size := map[string]int{}
	for _, mem := range members {
		size[groupKey(mem, "region")]++
	}
	if len(size) > maxNodes {
		m.Level = "country"
		clear(size)
		for _, mem := range members {
			size[groupKey(mem, "country")]++
		}
	}
	keys := slices.Sorted(maps.Keys(size))
	if len(keys) > maxNodes { // the largest groups, then one for the rest
		slices.SortStableFunc(keys, func(a, b string) int { return cmp.Compare(size[b], size[a]) })
		keys = keys[:maxNodes-1]
		slices.Sort(keys)
	}
	index := map[string]int{}
	for i, k := range keys {
		index[k] = i
		m.Nodes = append(m.Nodes, Node{Key: k, Members: size[k]})
	}
	rest := -1
	for _, mem := range members {
		i, ok := index[groupKey(mem, m.Level)]
		if !ok {
			if rest < 0 {
				rest = len(m.Nodes)
				m.Nodes = append(m.Nodes, Node{Key: ""})
			}
			i = rest
			m.Nodes[i].Members++
		}
		nodeOf[mem.Slug] = i
	}
	return nodeOf
}

// arrows adds up the exchanges between nodes by status; dropped ones
// are left out.
func (m *Map) arrows(exchanges []Exchange, nodeOf map[string]int) {
	type key struct {
		from, to int
		status   string
	}
	counts := map[key]int{}
	for _, x := range exchanges {
		if x.Status == "dropped" || !slices.Contains(Statuses, x.Status) {
			continue
		}
		for _, p := range uniq(x.Providers) {
			for _, r := range uniq(x.Recipients) {
				from, ok1 := nodeOf[p]
				to, ok2 := nodeOf[r]
				if !ok1 || !ok2 || p == r {
					continue
				}
				if from == to {
					m.Nodes[from].Inner++
					continue
				}
				counts[key{from, to, x.Status}]++
				m.Nodes[from].Exchanges++
				m.Nodes[to].Exchanges++
			}
		}
	}
	for k, n := range counts {
		m.Arrows = append(m.Arrows, Arrow{From: k.from, To: k.to, Status: k.status, N: n})
	}
	slices.SortFunc(m.Arrows, func(a, b Arrow) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(slices.Index(Statuses, a.Status), slices.Index(Statuses, b.Status)))
	})
}

// lines counts, for each two nodes, the meetings members of both took
// part in, but for large meetings (see Map.LargeMeeting).
func (m *Map) lines(meetings []Meeting, nodeOf map[string]int) {
	counts := map[[2]int]int{}
	for _, meeting := range meetings {
		if len(meeting.Participants) >= m.LargeMeeting {
			continue
		}
		var here []int
		for _, p := range uniq(meeting.Participants) {
			if i, ok := nodeOf[p]; ok && !slices.Contains(here, i) {
				here = append(here, i)
			}
		}
		slices.Sort(here)
		for i, a := range here {
			for _, b := range here[i+1:] {
				counts[[2]int{a, b}]++
			}
		}
	}
	for k, n := range counts {
		m.Lines = append(m.Lines, Line{A: k[0], B: k[1], N: n})
	}
	slices.SortFunc(m.Lines, func(a, b Line) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) })
}

// layout places the nodes: exchanges and co-attendance pull nodes
// together, and each member node is tied to a hidden node of its group,
// so that members of a country gather around it.
func (m *Map) layout() {
	var groups []string
	if m.Level == "member" {
		for _, n := range m.Nodes {
			if !slices.Contains(groups, n.Group) {
				groups = append(groups, n.Group)
			}
		}
		slices.Sort(groups)
		if len(groups) < 2 {
			groups = nil
		}
	}
	g := newLayoutGraph(len(m.Nodes) + len(groups))
	// Counts pull by their logarithm, scaled to the largest: between
	// regions of a large network they run to hundreds, and pulls that
	// strong throw the layout about instead of settling it.
	most := 1
	for _, a := range m.Arrows {
		most = max(most, a.N)
	}
	for _, l := range m.Lines {
		most = max(most, l.N)
	}
	pull := func(n int) float64 { return 0.5 + math.Log1p(float64(n))/math.Log1p(float64(most)) }
	for _, a := range m.Arrows {
		g.connect(a.From, a.To, pull(a.N))
	}
	for _, l := range m.Lines {
		g.connect(l.A, l.B, 0.2*pull(l.N))
	}
	for i, n := range m.Nodes {
		if gi := slices.Index(groups, n.Group); gi >= 0 {
			g.connect(i, len(m.Nodes)+gi, 4)
		}
	}
	pos := place(g)
	for i := range m.Nodes {
		m.Nodes[i].X, m.Nodes[i].Y = pos[i][0], pos[i][1]
	}
	// A group's label stands at the centre of its members, which the
	// hidden node only pulls together.
	for _, key := range groups {
		g := Group{Key: key}
		n := 0.0
		for _, node := range m.Nodes {
			if node.Group == key {
				g.X, g.Y, n = g.X+node.X, g.Y+node.Y, n+1
			}
		}
		g.X, g.Y = round3(g.X/n), round3(g.Y/n)
		m.Groups = append(m.Groups, g)
	}
}
