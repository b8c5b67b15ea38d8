package impact

import (
	"fmt"
	"reflect"
	"testing"
)

func TestNetworkMapOfMembers(t *testing.T) {
	// Three countries: grouped by country. Arrows, dropped x3 left out:
	// x1 c->a, c->b done; x2 b->a agreed; x4 a->c proposed; x5 b->c done.
	// Lines: a meeting of 4 (three quarters of 4 members, at least 4) is
	// large: m3 is left out; m1 joins a b c, m2 a b.
	m := NetworkMap(fixture(), MapOptions{})
	if m.Level != "member" || m.GroupBy != "country" || m.LargeMeeting != 4 {
		t.Errorf("level %q, grouped by %q, large meeting %d", m.Level, m.GroupBy, m.LargeMeeting)
	}
	var keys []string
	var exchanges []int
	for _, n := range m.Nodes {
		keys = append(keys, n.Key+":"+n.Group)
		exchanges = append(exchanges, n.Exchanges)
		if n.X < 0 || n.X > 1 || n.Y < 0 || n.Y > 1 {
			t.Errorf("node %s at %v,%v: outside the unit square", n.Key, n.X, n.Y)
		}
	}
	if fmt.Sprint(keys) != "[a:MX b:MX c:MN d:KH]" || fmt.Sprint(exchanges) != "[3 3 4 0]" {
		t.Errorf("nodes %v, exchanges %v", keys, exchanges)
	}
	wantArrows := []Arrow{{0, 2, "proposed", 1}, {1, 0, "agreed", 1}, {1, 2, "done", 1}, {2, 0, "done", 1}, {2, 1, "done", 1}}
	if !reflect.DeepEqual(m.Arrows, wantArrows) {
		t.Errorf("arrows %v\nwant   %v", m.Arrows, wantArrows)
	}
	wantLines := []Line{{0, 1, 2}, {0, 2, 1}, {1, 2, 1}}
	if !reflect.DeepEqual(m.Lines, wantLines) {
		t.Errorf("lines %v\nwant  %v", m.Lines, wantLines)
	}
	var groups []string
	for _, g := range m.Groups {
		groups = append(groups, g.Key)
	}
	if fmt.Sprint(groups) != "[KH MN MX]" {
		t.Errorf("groups %v", groups)
	}
	// Members of one country are nearer each other than the others are.
	dist := func(i, j int) float64 {
		dx, dy := m.Nodes[i].X-m.Nodes[j].X, m.Nodes[i].Y-m.Nodes[j].Y
		return dx*dx + dy*dy
	}
	if dist(0, 1) >= dist(0, 3) || dist(0, 1) >= dist(1, 3) {
		t.Errorf("a and b (MX) are not nearer each other than to d: %v", m.Nodes)
	}
}

func TestNetworkMapIsDeterministic(t *testing.T) {
	in := largeNetwork(50)
	first := NetworkMap(in, MapOptions{})
	for range 5 {
		if again := NetworkMap(in, MapOptions{}); !reflect.DeepEqual(again, first) {
			t.Fatal("the same network gave two maps")
		}
	}
}

func TestNetworkMapAggregates(t *testing.T) {
	// At most 2 nodes: 3 regions, 3 countries, so the largest country
	// (MX, a and b) and the rest (c, d). c->a and c->b go from the rest
	// to MX; a->c, b->c from MX to the rest; b->a stays inside MX. m1
	// joins MX and the rest.
	m := NetworkMap(fixture(), MapOptions{MaxNodes: 2})
	if m.Level != "country" || len(m.Groups) != 0 {
		t.Errorf("level %q, groups %v", m.Level, m.Groups)
	}
	got := fmt.Sprintf("%s %d %d %d | %q %d %d", m.Nodes[0].Key, m.Nodes[0].Members, m.Nodes[0].Exchanges, m.Nodes[0].Inner, m.Nodes[1].Key, m.Nodes[1].Members, m.Nodes[1].Exchanges)
	if got != `MX 2 4 1 | "" 2 4` {
		t.Errorf("nodes: %s", got)
	}
	wantArrows := []Arrow{{0, 1, "proposed", 1}, {0, 1, "done", 1}, {1, 0, "done", 2}}
	if !reflect.DeepEqual(m.Arrows, wantArrows) {
		t.Errorf("arrows %v\nwant   %v", m.Arrows, wantArrows)
	}
	if !reflect.DeepEqual(m.Lines, []Line{{0, 1, 1}}) {
		t.Errorf("lines %v", m.Lines)
	}
	// By region when the regions fit.
	if r := NetworkMap(fixture(), MapOptions{MaxNodes: 3}); r.Level != "region" || len(r.Nodes) != 3 || r.Nodes[2].Key != "MX/Sonora" {
		t.Errorf("by region: %+v", r.Nodes)
	}
}

func TestNetworkMapAt10000Members(t *testing.T) {
	m := NetworkMap(largeNetwork(10_000), MapOptions{})
	if m.Level != "region" || len(m.Nodes) > defaultMaxNodes || len(m.Nodes) == 0 {
		t.Errorf("10,000 members: level %q, %d nodes", m.Level, len(m.Nodes))
	}
	members := 0
	for _, n := range m.Nodes {
		members += n.Members
	}
	if members != 10_000 {
		t.Errorf("the nodes hold %d members", members)
	}
}

func TestNetworkMapEmpty(t *testing.T) {
	if m := NetworkMap(Input{}, MapOptions{}); len(m.Nodes) != 0 || len(m.Arrows) != 0 {
		t.Errorf("no members: %+v", m)
	}
	one := NetworkMap(Input{Members: []Member{{Slug: "solo", Country: "MX"}}}, MapOptions{})
	if len(one.Nodes) != 1 || one.Nodes[0].X != 0.5 || one.Nodes[0].Y != 0.5 {
		t.Errorf("one member: %+v", one.Nodes)
	}
}

// largeNetwork is n members in 12 regions of 3 countries, each giving
// an exchange to the next and meeting the two after it.
func largeNetwork(n int) Input {
	var in Input
	countries := []string{"MX", "MN", "KH"}
	for i := range n {
		c := countries[i%3]
		in.Members = append(in.Members, Member{Slug: fmt.Sprintf("m%05d", i), Country: c, Region: fmt.Sprintf("%s-%d", c, i%12)})
	}
	for i := range n {
		next, after := in.Members[(i+1)%n].Slug, in.Members[(i+2)%n].Slug
		in.Exchanges = append(in.Exchanges, Exchange{Topic: "t", Providers: []string{in.Members[i].Slug}, Recipients: []string{next}, Status: Statuses[i%4]})
		in.Meetings = append(in.Meetings, Meeting{Participants: []string{in.Members[i].Slug, next, after}})
	}
	return in
}
