package link

import (
	"container/heap"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// orderAcyclic reports every cycle through an acyclic field, naming the
// whole cycle, and records the order later stages list entries in.
func (g *Graph) orderAcyclic(sch *schema.Schema) diag.List {
	var diags diag.List
	for _, t := range sch.Types {
		for _, f := range t.Fields {
			if !f.Acyclic {
				continue
			}
			entries := g.Entries(t.Name)
			next := func(e *load.Entry) []Edge {
				var out []Edge
				for _, edge := range g.out[e] {
					if edge.Field() == f.Name {
						out = append(out, edge)
					}
				}
				return out
			}
			diags = append(diags, findCycles(entries, next)...)
			g.orders[t.Name+"."+f.Name] = topoOrder(entries, next)
		}
	}
	return diags
}

// findCycles runs a depth-first search and reports each cycle once, at the
// reference that closes it.
func findCycles(entries []*load.Entry, next func(*load.Entry) []Edge) diag.List {
	const (
		unseen = iota
		open
		done
	)
	state := map[*load.Entry]int{}
	var stack []*load.Entry
	var diags diag.List
	var visit func(e *load.Entry)
	visit = func(e *load.Entry) {
		state[e] = open
		stack = append(stack, e)
		for _, edge := range next(e) {
			switch state[edge.To] {
			case unseen:
				visit(edge.To)
			case open:
				start := slices.Index(stack, edge.To)
				cycle := append(slices.Clone(stack[start:]), edge.To)
				diags = append(diags, cycleError(edge, cycle))
			}
		}
		stack = stack[:len(stack)-1]
		state[e] = done
	}
	for _, e := range entries {
		if state[e] == unseen {
			visit(e)
		}
	}
	return diags
}

func cycleError(closing Edge, cycle []*load.Entry) diag.Diagnostic {
	slugs := make([]string, len(cycle))
	for i, e := range cycle {
		slugs[i] = e.Slug
	}
	path := strings.Join(slugs, " → ")
	return diag.Diagnostic{File: closing.From.File, Key: closing.Key(), Pending: true, AtValue: true, Code: "cycle",
		Message: fmt.Sprintf("%s cycle: %s", closing.Field(), path), Found: path,
		Allowed: "a chain that never comes back to where it started",
		Hint:    fmt.Sprintf("remove %q from the %s of %s", closing.To.Slug, closing.Field(), closing.From.Slug)}
}

// topoOrder lists entries so that each comes after those it points at,
// choosing the smallest slug among the ready ones; cycle members come last.
// entries must be sorted by slug.
func topoOrder(entries []*load.Entry, next func(*load.Entry) []Edge) []*load.Entry {
	rank := make(map[*load.Entry]int, len(entries))
	waiting := map[*load.Entry]int{}
	dependents := map[*load.Entry][]*load.Entry{}
	ready := &byRank{rank: rank}
	for i, e := range entries {
		rank[e] = i
	}
	for _, e := range entries {
		for _, edge := range next(e) {
			waiting[e]++
			dependents[edge.To] = append(dependents[edge.To], e)
		}
		if waiting[e] == 0 {
			ready.items = append(ready.items, e)
		}
	}
	out := make([]*load.Entry, 0, len(entries))
	placed := map[*load.Entry]bool{}
	for ready.Len() > 0 {
		e := heap.Pop(ready).(*load.Entry)
		out = append(out, e)
		placed[e] = true
		for _, d := range dependents[e] {
			if waiting[d]--; waiting[d] == 0 {
				heap.Push(ready, d)
			}
		}
	}
	for _, e := range entries {
		if !placed[e] {
			out = append(out, e)
		}
	}
	return out
}

// byRank is a min-heap of entries by their rank (slug order).
type byRank struct {
	items []*load.Entry
	rank  map[*load.Entry]int
}

func (h *byRank) Len() int           { return len(h.items) }
func (h *byRank) Less(i, j int) bool { return h.rank[h.items[i]] < h.rank[h.items[j]] }
func (h *byRank) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *byRank) Push(x any)         { h.items = append(h.items, x.(*load.Entry)) }
func (h *byRank) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
