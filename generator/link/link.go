// Package link resolves the references between entries, both ways: every
// ref and topic field of every type, community-added ones included. It
// reports dangling refs, refs to the wrong type, clashing aliases and
// cycles through acyclic fields, and gives later stages backlinks and
// prerequisite order.
package link

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/cases"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Edge is one reference from an entry's field to another entry.
type Edge struct {
	From *load.Entry
	To   *load.Entry
	// path is shared by the edges of one key path: a large build keeps
	// two edges per reference (2.6 million at 100,000 entries), and two
	// strings in each made them twice the size and half again the
	// pointers for the collector to follow.
	path *refPath
}

// refPath names where a reference is: its key path and its field's path.
type refPath struct{ key, field string }

// Field is the field's path in the schema, without indices: "actions.owner".
func (e Edge) Field() string { return e.path.field }

// Key is the key path in the file: "actions.1.owner".
func (e Edge) Key() string { return e.path.key }

// Options tune linking.
type Options struct {
	// Drafts keeps edges to and from drafts; without it they are left out
	// of the graph, and a published entry that refers to a draft is warned about.
	Drafts bool
}

// Graph holds every entry by type and slug, and the edges between them.
type Graph struct {
	bySlug  map[string]map[string]*load.Entry // type -> slug -> entry
	byAlias map[string]map[string]*load.Entry // type -> folded alias or slug -> entry
	out     map[*load.Entry][]Edge
	in      map[*load.Entry][]Edge
	orders  map[string][]*load.Entry // "type.field" -> prerequisite order
	schema  *schema.Schema
	broken  map[string]bool // "type/slug" of files that failed to load
}

// Build resolves every reference. Topic values (and any value of a type
// with aliases) are rewritten to the target's slug.
func Build(c *load.Content, sch *schema.Schema, opts Options) (*Graph, diag.List) {
	return build(c, sch, opts, runtime.GOMAXPROCS(0))
}

// build is Build on up to workers goroutines; the graph and the problems
// are the same for any number.
func build(c *load.Content, sch *schema.Schema, opts Options, workers int) (*Graph, diag.List) {
	if len(c.Entries) < parallelMin {
		workers = 1
	}
	g := newGraph(c, sch)
	for _, e := range c.Entries {
		g.bySlug[e.Type.Name][e.Slug] = e
	}
	diags := g.indexAliases(c.Entries)
	diags = append(diags, g.resolveAll(c.Entries, opts, workers)...)
	g.linkAllBack(c.Entries)
	g.sortBacklinks(workers)
	diags = append(diags, g.orderAcyclic(sch)...)
	return g, diags
}

func compareEdges(a, b Edge) int {
	return cmp.Or(cmp.Compare(a.From.Type.Name, b.From.Type.Name), cmp.Compare(a.From.Slug, b.From.Slug), cmp.Compare(a.Key(), b.Key()))
}

// fold is Unicode case folding, as topics are matched.
func fold(s string) string { return cases.Fold().String(strings.TrimSpace(s)) }

// indexAliases maps folded slugs and aliases to entries, for types that declare aliases.
func (g *Graph) indexAliases(entries []*load.Entry) diag.List {
	var diags diag.List
	for _, t := range g.schema.Types {
		if t.Aliases != "" {
			g.byAlias[t.Name] = map[string]*load.Entry{}
		}
	}
	for _, e := range entries {
		if idx := g.byAlias[e.Type.Name]; idx != nil {
			idx[fold(e.Slug)] = e
		}
	}
	for _, e := range entries {
		idx := g.byAlias[e.Type.Name]
		if idx == nil {
			continue
		}
		aliases, _ := e.Fields[e.Type.Aliases].([]any)
		for i, a := range aliases {
			s, ok := a.(string)
			if !ok {
				continue // an invalid item, already reported
			}
			k := fold(s)
			if other, taken := idx[k]; taken && other != e {
				what := "an alias of"
				if fold(other.Slug) == k {
					what = "the slug of"
				}
				diags = append(diags, diag.Diagnostic{File: e.File, Key: e.Type.Aliases + "." + strconv.Itoa(i), Pending: true, AtValue: true,
					Code: "duplicate-alias", Message: fmt.Sprintf("alias %q is already %s %s %q", s, what, e.Type.Name, other.Slug),
					Found: strconv.Quote(s), Allowed: "a name no other " + e.Type.Name + " uses (ignoring case)",
					Hint: "remove the alias from one of " + other.File + " and " + e.File})
				continue
			}
			idx[k] = e
		}
	}
	return diags
}

// Lookup finds an entry of the named type by slug, or by alias (ignoring
// case) for types with aliases.
func (g *Graph) Lookup(typeName, value string) *load.Entry {
	if e := g.bySlug[typeName][value]; e != nil {
		return e
	}
	if idx := g.byAlias[typeName]; idx != nil {
		return idx[fold(value)]
	}
	return nil
}

// Entries returns the entries of a type, sorted by slug.
func (g *Graph) Entries(typeName string) []*load.Entry {
	m := g.bySlug[typeName]
	out := make([]*load.Entry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *load.Entry) int { return cmp.Compare(a.Slug, b.Slug) })
	return out
}

// Refs returns the entry's outgoing edges in file order.
func (g *Graph) Refs(e *load.Entry) []Edge { return g.out[e] }

// Backlinks returns the edges that point at e, sorted by source type, slug and key.
func (g *Graph) Backlinks(e *load.Entry) []Edge { return g.in[e] }

// From returns the distinct entries of fromType whose field (a schema
// path like "attendees" or "terms.member") points at e.
func (g *Graph) From(e *load.Entry, fromType, field string) []*load.Entry {
	var out []*load.Entry
	for _, edge := range g.in[e] {
		if edge.From.Type.Name == fromType && edge.Field() == field && (len(out) == 0 || out[len(out)-1] != edge.From) {
			out = append(out, edge.From)
		}
	}
	return out
}

// Order returns the entries of a type in the order an acyclic field asks
// for: every entry after the entries it names (prerequisites first), ties
// broken by slug. Entries caught in a cycle come last.
func (g *Graph) Order(typeName, field string) []*load.Entry { return g.orders[typeName+"."+field] }

// newGraph is an empty graph for the types of sch.
func newGraph(c *load.Content, sch *schema.Schema) *Graph {
	g := &Graph{
		bySlug:  map[string]map[string]*load.Entry{},
		byAlias: map[string]map[string]*load.Entry{},
		out:     map[*load.Entry][]Edge{},
		in:      map[*load.Entry][]Edge{},
		orders:  map[string][]*load.Entry{},
		schema:  sch,
		broken:  c.Broken,
	}
	for _, t := range sch.Types {
		g.bySlug[t.Name] = map[string]*load.Entry{}
	}
	return g
}
