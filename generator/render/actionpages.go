package render

import (
	"github.com/agora-community/agora/generator/paginate"
)

// The action list is published in pages, in two parts: every open item,
// by owner (the overdue ones first within each), then the done and
// dropped ones, by owner; cut every page_size items. The first pages are
// then what a coordinator reviews at a meeting, whatever the network's
// size. An owner's member page shows the owner's first items and links
// to the page where the owner's items start, so nobody pages through
// everyone's.

// actionPages is the action list in page order.
type actionPages struct {
	items  []Action
	group  []int          // the owner group (of byOwner) of each item
	groups []OwnerActions // by owner, with their counts
	first  map[string]int // index of each owner's first item, by slug
}

func (s *Site) ownerActions() *actionPages {
	s.ownersOnce.Do(func() { s.owners = newActionPages(s.byOwner()) })
	return s.owners
}

func newActionPages(groups []OwnerActions) *actionPages {
	a := &actionPages{groups: groups, first: map[string]int{}}
	for _, open := range []bool{true, false} {
		for i, g := range groups {
			for _, item := range g.Actions {
				if (item.Status == "open") != open {
					continue
				}
				if g.Owner != nil {
					if _, ok := a.first[g.Owner.Slug()]; !ok {
						a.first[g.Owner.Slug()] = len(a.items)
					}
				}
				a.items = append(a.items, item)
				a.group = append(a.group, i)
			}
		}
	}
	return a
}

// ActionPart is the open items of a page of the action list, or its done
// and dropped ones, by owner.
type ActionPart struct {
	Open   bool
	Owners []OwnerActions // each with the items the page shows, and its counts over all
}

// PageActionParts are the parts of the page's share of the action list.
func (p *Page) PageActionParts() []ActionPart {
	a := p.s.ownerActions()
	from, to := p.Pager.Bounds()
	var out []ActionPart
	for i := from; i < min(to, len(a.items)); i++ {
		open := a.items[i].Status == "open"
		if n := len(out); n == 0 || out[n-1].Open != open {
			out = append(out, ActionPart{Open: open})
		}
		part := &out[len(out)-1]
		if n := len(part.Owners); n == 0 || i == from || a.group[i] != a.group[i-1] || (a.items[i-1].Status == "open") != open {
			g := a.groups[a.group[i]]
			g.Actions = nil
			g.Continued = i == from && i > 0 && a.group[i-1] == a.group[i] && (a.items[i-1].Status == "open") == open
			part.Owners = append(part.Owners, g)
		}
		owner := &part.Owners[len(part.Owners)-1]
		owner.Actions = append(owner.Actions, a.items[i])
	}
	return out
}

// MemberActions is a member's action items as the member's page shows
// them: open ones first, the first page_size of them, and where all are.
type MemberActions struct {
	Actions       []Action
	Open, Overdue int
	Total         int
	// Path is the page of the action list where the member's items
	// start, Anchor the id of their heading there.
	Path, Anchor string
}

// More reports whether the member has more items than the page shows.
func (m *MemberActions) More() bool { return m.Total > len(m.Actions) }

// ActionsOf is the action items a member owns, or nil when none.
func (p *Page) ActionsOf(member *Entry) *MemberActions {
	a := p.s.ownerActions()
	first, ok := a.first[member.Slug()]
	if !ok {
		return nil
	}
	g := a.groups[a.group[first]]
	m := &MemberActions{Actions: g.Actions[:min(len(g.Actions), p.s.pageSize())], Open: g.Open, Overdue: g.Overdue,
		Total: len(g.Actions), Path: paginate.Path("actions/", paginate.PageOf(first, p.s.pageSize())), Anchor: "owner-" + member.Slug()}
	if g.Open == 0 {
		m.Anchor = "done-" + member.Slug()
	}
	return m
}
