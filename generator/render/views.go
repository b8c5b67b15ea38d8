package render

import (
	"cmp"
	"slices"
	"time"

	"github.com/agora-community/agora/generator/schema"
)

// Group is entries or tables sharing one value of a field.
type Group struct {
	Key     string
	Entries []*Entry
	Objects []Object
}

// GroupBy groups entries by a field's value, in the order of the field's
// enum values when it has them, else in order of first appearance.
// Entries without the value go to a last group with an empty key.
func (p *Page) GroupBy(entries []*Entry, field string) []Group {
	if len(entries) == 0 {
		return nil
	}
	return grouped(entries[0].field(field), len(entries), func(i int) []string {
		if keys := entries[i].List(field); len(keys) > 0 {
			return keys
		}
		return []string{entries[i].S(field)}
	}, func(g *Group, i int) { g.Entries = append(g.Entries, entries[i]) })
}

// GroupObjects groups tables (goals, terms) by a field's value, in enum order.
func (p *Page) GroupObjects(objects []Object, field string) []Group {
	if len(objects) == 0 {
		return nil
	}
	return grouped(objects[0].field(field), len(objects), func(i int) []string {
		return []string{objects[i].S(field)}
	}, func(g *Group, i int) { g.Objects = append(g.Objects, objects[i]) })
}

// grouped files n items under their keys: groups in the order of f's enum
// values (f may be nil), then in order of first appearance; empty groups
// are dropped.
func grouped(f *schema.Field, n int, keys func(i int) []string, add func(g *Group, i int)) []Group {
	var out []Group
	index := map[string]int{}
	if f != nil {
		for _, v := range f.Elem().Values {
			index[v] = len(out)
			out = append(out, Group{Key: v})
		}
	}
	for i := range n {
		for _, k := range keys(i) {
			g, ok := index[k]
			if !ok {
				g = len(out)
				index[k] = g
				out = append(out, Group{Key: k})
			}
			add(&out[g], i)
		}
	}
	return nonEmpty(out)
}

func nonEmpty(groups []Group) []Group {
	return slices.DeleteFunc(groups, func(g Group) bool { return len(g.Entries) == 0 && len(g.Objects) == 0 })
}

// YearGroup is the entries of one year, newest year first.
type YearGroup struct {
	Year    int
	Entries []*Entry
}

// ByYear groups entries by the year of a date field, newest first.
func (p *Page) ByYear(entries []*Entry, field string) []YearGroup {
	var out []YearGroup
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b *Entry) int { return b.Time(field).Compare(a.Time(field)) })
	for _, e := range sorted {
		y := e.Time(field).Year()
		if n := len(out); n == 0 || out[n-1].Year != y {
			out = append(out, YearGroup{Year: y})
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}

// Latest returns the n newest entries of a type by a date field.
func (p *Page) Latest(typeName, field string, n int) []*Entry {
	entries := p.s.Entries(typeName)
	slices.SortStableFunc(entries, func(a, b *Entry) int { return b.Time(field).Compare(a.Time(field)) })
	return entries[:min(n, len(entries))]
}

// Action is one action item of some minutes.
type Action struct {
	Minutes *Entry
	Index   int
	Task    string
	Owner   *Entry
	Due     time.Time
	Status  string
	Overdue bool
}

// Actions lists every action item of every published minutes. The list
// is the same on every page (the home page and the actions page show it),
// so it is made once per build and shared: callers must not change it.
func (p *Page) Actions() []Action { return p.s.actionList() }

func (s *Site) actionList() []Action {
	s.actionsOnce.Do(func() { s.actions = s.allActions() })
	return s.actions
}

func (s *Site) allActions() []Action {
	var out []Action
	for _, m := range s.Entries("minutes") {
		for _, o := range m.Objects("actions") {
			a := Action{Minutes: m, Index: o.Index, Task: o.S("task"), Owner: o.Ref("owner"), Due: o.Time("due"), Status: o.S("status")}
			a.Overdue = a.Status == "open" && !a.Due.IsZero() && a.Due.Before(s.opts.Today)
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, compareActions)
	return out
}

// compareActions puts open before done and dropped, then the earliest due first.
func compareActions(a, b Action) int {
	rank := func(x Action) int {
		switch x.Status {
		case "open":
			return 0
		case "done":
			return 1
		}
		return 2
	}
	due := func(x Action) time.Time {
		if x.Due.IsZero() {
			return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return x.Due
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), due(a).Compare(due(b)), cmp.Compare(a.Minutes.Slug(), b.Minutes.Slug()), cmp.Compare(a.Index, b.Index))
}

// OpenActions lists the open action items, earliest due first.
func (p *Page) OpenActions() []Action {
	all := p.Actions()
	open := make([]Action, 0, countOpen(all))
	for _, a := range all {
		if a.Status == "open" {
			open = append(open, a)
		}
	}
	return open
}

func countOpen(actions []Action) int {
	n := 0
	for _, a := range actions {
		if a.Status == "open" {
			n++
		}
	}
	return n
}

// OwnerActions is the action items of one owner.
type OwnerActions struct {
	Owner   *Entry // nil for items nobody owns
	Actions []Action
	Open    int
	Overdue int
	// Continued marks, on a page of the action list, an owner whose items
	// began on an earlier page.
	Continued bool
}

// ActionsByOwner groups every action item by owner: owners by name, items
// without an owner last; open items first within each. It is made once
// per build and shared: callers must not change it.
func (p *Page) ActionsByOwner() []OwnerActions { return p.s.ownerActions().groups }

// byOwner groups the action items by owner (see ActionsByOwner). The
// groups share one array of the items, filled once they are counted,
// instead of each growing its own.
func (s *Site) byOwner() []OwnerActions {
	all := s.actionList()
	out, groupOf, counts := ownerGroups(all)
	items := make([]Action, len(all))
	start := 0
	for i, n := range counts {
		out[i].Actions = items[start : start : start+n]
		start += n
	}
	for i, a := range all {
		g := &out[groupOf[i]]
		g.Actions = append(g.Actions, a)
	}
	slices.SortStableFunc(out, func(a, b OwnerActions) int {
		if (a.Owner == nil) != (b.Owner == nil) {
			if a.Owner == nil {
				return 1
			}
			return -1
		}
		if a.Owner == nil {
			return 0
		}
		return cmp.Compare(a.Owner.Title(), b.Owner.Title())
	})
	return out
}

// ownerGroups makes the owners' groups in order of first appearance, with
// their open and overdue counts but not yet their items; it says which
// group each action goes to and how many each gets. Owners are told apart
// by slug.
func ownerGroups(all []Action) (out []OwnerActions, groupOf, counts []int) {
	index := map[*Entry]int{}
	bySlug := map[string]*Entry{}
	groupOf = make([]int, len(all))
	for j, a := range all {
		key := a.Owner
		if key != nil {
			if prev, ok := bySlug[key.Slug()]; ok {
				key = prev
			} else {
				bySlug[key.Slug()] = key
			}
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, OwnerActions{Owner: key})
			counts = append(counts, 0)
		}
		groupOf[j] = i
		counts[i]++
		g := &out[i]
		if a.Status == "open" {
			g.Open++
		}
		if a.Overdue {
			g.Overdue++
		}
	}
	return out, groupOf, counts
}

// Peer is a topic a member needs and some members who offer it: those of
// the same region first, then of the same country, then the rest.
type Peer struct {
	Topic   *Entry
	Members []*Entry
	More    int    // how many more offer it
	Path    string // the facet that lists them all
}

// peersShown caps the peers listed per need, so member pages stay light
// however large the network grows.
const peersShown = 6

// Peers lists, for each topic the member needs, the other members who
// offer it. Each topic's offerers are gathered, sorted and grouped by
// region and country once per build (see offerers), so a member page
// looks at a handful of them per need, however many there are.
func (p *Page) Peers(member *Entry) []Peer {
	var out []Peer
	region, country := member.S("region"), member.S("country")
	for _, topic := range member.Refs("needs") {
		idx := p.s.offerers(topic, member.Type().Name)
		peer := Peer{Topic: topic, Path: facetPath(member.Type(), "offers", topic.Slug())}
		peer.Members, peer.More = idx.nearest(member.Slug(), region, country)
		out = append(out, peer)
	}
	return out
}

// nearest returns up to peersShown offerers other than the member with
// the given slug: those of its region first, then of its country, then
// the rest, each group by title; and how many more there are.
func (idx *offerIndex) nearest(slug, region, country string) (shown []*Entry, more int) {
	self := func(o offerer) bool { return o.entry.Slug() == slug }
	near := [3][]*Entry{
		firstOfferers(idx.byRegion[region], region != "", func(o offerer) bool { return !self(o) }),
		firstOfferers(idx.byCountry[country], country != "", func(o offerer) bool {
			return !self(o) && (region == "" || o.region != region)
		}),
		firstOfferers(idx.all, true, func(o offerer) bool {
			return !self(o) && (region == "" || o.region != region) && (country == "" || o.country != country)
		}),
	}
	for _, group := range near {
		shown = append(shown, group[:min(len(group), peersShown-len(shown))]...)
	}
	total := len(idx.all)
	if r, ok := idx.regionOf[slug]; ok && r == region { // the member is among them
		total--
	}
	return shown, total - len(shown)
}

// firstOfferers returns up to peersShown entries of list that keep
// accepts, in order; none when use is false.
func firstOfferers(list []offerer, use bool, keep func(offerer) bool) []*Entry {
	var out []*Entry
	for _, o := range list {
		if !use || len(out) == peersShown {
			break
		}
		if keep(o) {
			out = append(out, o.entry)
		}
	}
	return out
}

// offerer is a member who offers a topic, with what Peers sorts by.
type offerer struct {
	entry           *Entry
	region, country string
}

// offerIndex is a topic's offerers by title, and grouped by region and by
// country (each group by title too).
type offerIndex struct {
	all                 []offerer
	byRegion, byCountry map[string][]offerer
	// regionOf is each offerer's region, by slug: whether a member is
	// among the offerers is one lookup, not a scan of its region's (at
	// 100,000 entries, 0.8 s of scanning for the member pages).
	regionOf map[string]string
}

// offerers returns the members who offer a topic, computed once per topic
// and build.
func (s *Site) offerers(topic *Entry, memberType string) *offerIndex {
	if cached, ok := s.offerCache.Load(topic.e); ok {
		return cached.(*offerIndex)
	}
	var list []offerer
	for _, m := range topic.From(memberType, "offers") {
		list = append(list, offerer{m, m.S("region"), m.S("country")})
	}
	idx := newOfferIndex(list)
	s.offerCache.Store(topic.e, idx)
	return idx
}

func newOfferIndex(list []offerer) *offerIndex {
	idx := &offerIndex{all: list, byRegion: map[string][]offerer{}, byCountry: map[string][]offerer{}, regionOf: make(map[string]string, len(list))}
	slices.SortStableFunc(idx.all, func(a, b offerer) int { return cmp.Compare(a.entry.Title(), b.entry.Title()) })
	for _, o := range idx.all {
		idx.regionOf[o.entry.Slug()] = o.region
		idx.byRegion[o.region] = append(idx.byRegion[o.region], o)
		idx.byCountry[o.country] = append(idx.byCountry[o.country], o)
	}
	return idx
}

// Role is a role a member holds or held under a governance rule.
type Role struct {
	Rule     *Entry
	Role     string
	From, To time.Time
	Current  bool
}

// Roles lists the terms a member has held, current ones first.
func (p *Page) Roles(member *Entry) []Role {
	var out []Role
	for _, rule := range member.From("rule", "terms.member") {
		for _, term := range rule.Objects("terms") {
			if owner := term.Ref("member"); owner == nil || owner.Slug() != member.Slug() {
				continue
			}
			r := Role{Rule: rule, Role: term.S("role"), From: term.Time("from"), To: term.Time("to")}
			r.Current = r.To.IsZero() || !r.To.Before(p.Today())
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Role) int {
		if a.Current != b.Current {
			if a.Current {
				return -1
			}
			return 1
		}
		return b.From.Compare(a.From)
	})
	return out
}

// Demand is how many members need and offer a topic.
type Demand struct {
	Topic         *Entry
	Needs, Offers int
	Gap           int // needs minus offers
	// Unmet: someone needs it, nobody offers it, and no exchange on it
	// was ever done.
	Unmet            bool
	Minutes, Modules int
	Exchanges        int // the done exchanges on the topic
}

// Demands lists every topic, the largest unmet demand first: the agenda of
// a needs-and-offers workshop.
func (p *Page) Demands() []Demand { return p.s.demands() }

// PageDemands are the demands of the topics on the page's share of the
// topic list, which is in the order of Demands.
func (p *Page) PageDemands() []Demand {
	all := p.s.demands()
	from, to := p.Pager.Bounds()
	return all[min(from, len(all)):min(to, len(all))]
}

func (s *Site) demands() []Demand {
	s.demandsOnce.Do(func() { s.demandList = s.makeDemands() })
	return s.demandList
}

func (s *Site) makeDemands() []Demand {
	var out []Demand
	for _, t := range s.Entries("topic") {
		d := Demand{Topic: t, Needs: len(t.From("member", "needs")), Offers: len(t.From("member", "offers")),
			Minutes: len(t.From("minutes", "topics")), Modules: len(t.From("module", "topics"))}
		d.Exchanges = doneExchanges(t)
		d.Gap = d.Needs - d.Offers
		d.Unmet = d.Needs > 0 && d.Offers == 0 && d.Exchanges == 0
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Demand) int {
		if a.Unmet != b.Unmet {
			if a.Unmet {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(b.Gap, a.Gap), cmp.Compare(b.Needs, a.Needs), cmp.Compare(a.Topic.Title(), b.Topic.Title()))
	})
	return out
}

// doneExchanges counts the published done exchanges on a topic.
func doneExchanges(topic *Entry) int {
	n := 0
	for _, x := range topic.From("exchange", "topic") {
		if x.S("status") == "done" {
			n++
		}
	}
	return n
}

// TaughtTopics are the topics modules teach, those of the most modules
// first.
func (p *Page) TaughtTopics() []Demand {
	var out []Demand
	for _, d := range p.s.demands() {
		if d.Modules > 0 {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Demand) int { return cmp.Compare(b.Modules, a.Modules) })
	return out
}

// topicsByDemand is the topics in the order of Demands.
func (s *Site) topicsByDemand() []*Entry {
	var out []*Entry
	for _, d := range s.demands() {
		out = append(out, d.Topic)
	}
	return out
}

// LearningPath lists the published modules with every module after its
// prerequisites.
func (p *Page) LearningPath() []*Entry { return p.s.learningPath() }

func (s *Site) learningPath() []*Entry {
	var out []*Entry
	for _, e := range s.graph.Order("module", "prerequisites") {
		if s.published(e) {
			out = append(out, s.view(e))
		}
	}
	return out
}

// Count is the number of published entries of a type.
func (p *Page) Count(typeName string) int { return len(p.s.byType[typeName]) }
