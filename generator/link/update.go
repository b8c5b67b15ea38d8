package link

import (
	"maps"
	"slices"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Linked is a graph with its problems kept per entry, so that it can be
// brought up to date when a few entries change without resolving every
// reference again: the preview server does so on each edit.
//
// A Linked and its Graph never change once made; Update makes new ones
// that share what did not change, so pages can go on rendering from an
// older graph while a newer one is made.
type Linked struct {
	Graph      *Graph
	opts       Options
	entryDiags map[*load.Entry]diag.List // problems of each entry's own references
	// rewritten holds, for the entries whose values linking rewrote (an
	// alias replaced by its entry's slug), the names they wrote, folded:
	// once rewritten, their values no longer say so (see Naming).
	rewritten  map[*load.Entry][]string
	aliasDiags diag.List
	cycleDiags diag.List
}

// Change is one entry replaced (Old and New), added (Old nil) or removed
// (New nil). An entry whose file changed but still names the same slug
// is a replacement.
type Change struct{ Old, New *load.Entry }

// Link resolves every reference of c, as Build does, keeping what Update
// needs.
func Link(c *load.Content, sch *schema.Schema, opts Options) *Linked {
	g := newGraph(c, sch)
	changes := make([]Change, len(c.Entries))
	for i, e := range c.Entries {
		changes[i] = Change{New: e}
	}
	return (&Linked{Graph: g, opts: opts}).Update(c, changes)
}

// Update returns the links of c, the content after changes. Each New
// entry is resolved; every other entry of c must be one l linked.
//
// Values of entries already linked hold slugs where their files wrote
// aliases, so they cannot be resolved again: an entry whose references
// may now resolve differently must be among the changes, read again from
// its file. Those are the entries that name (see Naming) an entry added
// or removed, or one whose names (see Names) or draft status changed.
// Referrers of an entry replaced under the same names and status keep
// their references, which now lead to the new entry.
func (l *Linked) Update(c *load.Content, changes []Change) *Linked {
	old := l.Graph
	g := &Graph{
		bySlug:  maps.Clone(old.bySlug),
		byAlias: old.byAlias,
		out:     maps.Clone(old.out),
		in:      maps.Clone(old.in),
		orders:  old.orders,
		schema:  old.schema,
		broken:  c.Broken,
	}
	// With every backlink list full to capacity, appending to one
	// copies it, so the old graph's lists are never written.
	for to, edges := range g.in {
		g.in[to] = slices.Clip(edges)
	}
	gone := map[*load.Entry]bool{}
	fresh := map[string]*load.Entry{} // "type/slug" -> its new entry
	touched := map[string]bool{}      // type names
	for _, ch := range changes {
		if ch.Old != nil {
			gone[ch.Old] = true
			touched[ch.Old.Type.Name] = true
		}
		if ch.New != nil {
			fresh[key(ch.New)] = ch.New
			touched[ch.New.Type.Name] = true
		}
	}
	for t := range touched {
		g.bySlug[t] = maps.Clone(old.bySlug[t])
		if g.bySlug[t] == nil {
			g.bySlug[t] = map[string]*load.Entry{}
		}
	}
	for _, ch := range changes {
		if o := ch.Old; o != nil && g.bySlug[o.Type.Name][o.Slug] == o {
			delete(g.bySlug[o.Type.Name], o.Slug)
		}
	}
	for _, ch := range changes {
		if ch.New != nil {
			g.bySlug[ch.New.Type.Name][ch.New.Slug] = ch.New
		}
	}

	resort := map[*load.Entry]bool{}
	g.dropEdgesFrom(old, gone)
	g.redirectEdgesInto(old, gone, fresh, resort)

	aliasDiags := l.aliasDiags
	if touchesAliases(g.schema, touched) {
		g.byAlias = map[string]map[string]*load.Entry{}
		aliasDiags = g.indexAliases(c.Entries)
	}
	entryDiags := maps.Clone(l.entryDiags)
	if entryDiags == nil {
		entryDiags = map[*load.Entry]diag.List{}
	}
	rewritten := maps.Clone(l.rewritten)
	if rewritten == nil {
		rewritten = map[*load.Entry][]string{}
	}
	for o := range gone {
		delete(entryDiags, o)
		delete(rewritten, o)
	}
	r := &resolver{g: g, opts: l.opts}
	for _, ch := range changes {
		if ch.New == nil {
			continue
		}
		written := refValues(ch.New)
		if d := r.resolve(ch.New); len(d) > 0 {
			entryDiags[ch.New] = d
		}
		g.linkBack(g.out[ch.New])
		var lost []string
		for i, v := range refValues(ch.New) {
			if v != written[i] {
				lost = append(lost, written[i])
			}
		}
		if lost != nil {
			rewritten[ch.New] = lost
		}
		for _, edge := range g.out[ch.New] {
			resort[edge.To] = true
		}
	}
	for to := range resort {
		slices.SortFunc(g.in[to], compareEdges)
	}
	cycleDiags := l.cycleDiags
	if touchesAcyclic(g.schema, touched) {
		g.orders = map[string][]*load.Entry{}
		cycleDiags = g.orderAcyclic(g.schema)
	}
	return &Linked{Graph: g, opts: l.opts, entryDiags: entryDiags, rewritten: rewritten, aliasDiags: aliasDiags, cycleDiags: cycleDiags}
}

// refValues lists an entry's ref and topic values, folded, in the order
// resolve visits them.
func refValues(e *load.Entry) []string {
	var out []string
	eachRefValue(e.Type.Fields, e.Fields, func(v string) bool {
		out = append(out, NameOf(v))
		return false
	})
	return out
}

// dropEdgesFrom removes the edges of the entries that go, and takes them
// out of their targets' backlinks.
func (g *Graph) dropEdgesFrom(old *Graph, gone map[*load.Entry]bool) {
	targets := map[*load.Entry]bool{}
	for o := range gone {
		for _, edge := range old.out[o] {
			if !gone[edge.To] {
				targets[edge.To] = true
			}
		}
		delete(g.out, o)
	}
	for t := range targets {
		g.in[t] = slices.DeleteFunc(slices.Clone(g.in[t]), func(e Edge) bool { return gone[e.From] })
	}
}

// redirectEdgesInto points the references of unchanged entries to an
// entry that goes at the entry that replaces it. An entry removed for good
// has no referrer left here when the caller re-read its referrers.
func (g *Graph) redirectEdgesInto(old *Graph, gone map[*load.Entry]bool, fresh map[string]*load.Entry, resort map[*load.Entry]bool) {
	referrers := map[*load.Entry]bool{}
	for o := range gone {
		for _, edge := range old.in[o] {
			if !gone[edge.From] {
				referrers[edge.From] = true
			}
		}
		delete(g.in, o)
	}
	for r := range referrers {
		edges := slices.Clone(g.out[r])
		kept := edges[:0]
		for _, edge := range edges {
			if gone[edge.To] {
				n := fresh[key(edge.To)]
				if n == nil {
					continue
				}
				edge.To = n
				g.in[n] = append(g.in[n], edge)
				resort[n] = true
			}
			kept = append(kept, edge)
		}
		g.out[r] = kept
	}
}

func touchesAliases(sch *schema.Schema, touched map[string]bool) bool {
	for name := range touched {
		if t := sch.Type(name); t != nil && t.Aliases != "" {
			return true
		}
	}
	return false
}

// touchesAcyclic reports whether a changed type holds an acyclic field or
// is the target of one, so that the orders and cycles must be found again.
func touchesAcyclic(sch *schema.Schema, touched map[string]bool) bool {
	for _, t := range sch.Types {
		for _, f := range t.Fields {
			if f.Acyclic && (touched[t.Name] || touched[f.Target()]) {
				return true
			}
		}
	}
	return false
}

func key(e *load.Entry) string { return e.Type.Name + "/" + e.Slug }

// Diags returns every problem of the links, unsorted.
func (l *Linked) Diags() diag.List {
	out := slices.Concat(l.aliasDiags, l.cycleDiags)
	for _, d := range l.entryDiags {
		out = append(out, d...)
	}
	return out
}

// Unresolved lists the entries with a reference that leads nowhere or to
// the wrong type. Their messages suggest the names of the target type,
// so they are checked again whenever an entry appears or goes.
func (l *Linked) Unresolved() []*load.Entry {
	var out []*load.Entry
	for e, diags := range l.entryDiags {
		if slices.ContainsFunc(diags, func(d diag.Diagnostic) bool { return d.Code == "dangling-ref" || d.Code == "wrong-ref-type" }) {
			out = append(out, e)
		}
	}
	return out
}

// Names are the names, folded, by which references can reach e: its slug
// and, for types with aliases, its aliases.
func Names(e *load.Entry) []string {
	names := []string{NameOf(e.Slug)}
	if e.Type.Aliases != "" {
		aliases, _ := e.Fields[e.Type.Aliases].([]any)
		for _, a := range aliases {
			if s, ok := a.(string); ok {
				names = append(names, NameOf(s))
			}
		}
	}
	return names
}

// Naming lists the entries whose files name one of names (folded)
// in a ref or topic value: those whose links may change when an entry of
// that name appears or goes. It only reads the entries.
func (l *Linked) Naming(entries []*load.Entry, names map[string]bool) []*load.Entry {
	var out []*load.Entry
	for _, e := range entries {
		if eachRefValue(e.Type.Fields, e.Fields, func(v string) bool { return names[NameOf(v)] }) ||
			slices.ContainsFunc(l.rewritten[e], func(n string) bool { return names[n] }) {
			out = append(out, e)
		}
	}
	return out
}

// eachRefValue calls fn for every ref and topic value of one table until
// fn returns true, and reports whether it did. Unlike walkRefs it writes
// nothing, so it may run while pages render from the same entries.
func eachRefValue(fields []*schema.Field, values map[string]any, fn func(string) bool) bool {
	for _, f := range fields {
		v, ok := values[f.Name]
		if !ok {
			continue
		}
		switch {
		case f.Elem().Kind == schema.Object:
			for _, item := range asList(f, v) {
				if m, ok := item.(map[string]any); ok && eachRefValue(f.Fields, m, fn) {
					return true
				}
			}
		case f.Target() == "":
		default:
			for _, item := range schema.Items(v) {
				if s, ok := item.(string); ok && fn(s) {
					return true
				}
			}
		}
	}
	return false
}

// NameOf is a value or a slug folded, as Names and Naming compare them:
// fold, without its cost for the common case of a value that is already
// a slug (lowercase ASCII letters, digits and hyphens), which folding
// leaves as it is.
func NameOf(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return fold(s)
		}
	}
	return s
}
