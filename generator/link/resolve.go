package link

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// visit is called for each ref or topic value, with where it is; it
// returns the value to store in its place.
type visit func(f *schema.Field, at *refPath, value string) string

// rewrite is a value to store in place of a reference: values[name], or
// list[index] when list is not nil.
type rewrite struct {
	values map[string]any
	name   string
	list   []any
	index  int
	to     string
}

func (r rewrite) apply() {
	if r.list != nil {
		r.list[r.index] = r.to
	} else {
		r.values[r.name] = r.to
	}
}

// walkRefs calls fn for every ref and topic value of one table, nested
// objects and lists included, and appends to rewrites the values that fn
// changed instead of storing them: an entry being walked writes nothing,
// so that other goroutines may read it meanwhile (another entry's draft
// flag or aliases). Key paths are made by names, which may be nil.
func walkRefs(fields []*schema.Field, values map[string]any, key, field string, names *keyNames, fn visit, rewrites *[]rewrite) {
	for _, f := range fields {
		v, ok := values[f.Name]
		if !ok {
			continue
		}
		k, fp := names.join(key, f.Name), names.join(field, f.Name)
		switch {
		case f.Elem().Kind == schema.Object:
			for i, item := range asList(f, v) {
				if m, ok := item.(map[string]any); ok {
					ik := k
					if f.Kind == schema.List {
						ik = names.index(k, i)
					}
					walkRefs(f.Fields, m, ik, fp, names, fn, rewrites)
				}
			}
		case f.Target() == "":
		case f.Kind == schema.List:
			list, _ := v.([]any)
			for i, item := range list {
				if s, ok := item.(string); ok {
					if to := fn(f, names.itemPath(k, i, fp), s); to != s { // not boxed again when unchanged
						*rewrites = append(*rewrites, rewrite{list: list, index: i, to: to})
					}
				}
			}
		default:
			if s, ok := v.(string); ok {
				if to := fn(f, names.path(k, fp), s); to != s {
					*rewrites = append(*rewrites, rewrite{values: values, name: f.Name, to: to})
				}
			}
		}
	}
}

func asList(f *schema.Field, v any) []any {
	if f.Kind == schema.List {
		l, _ := v.([]any)
		return l
	}
	return []any{v}
}

// resolver resolves entries one after another on one goroutine, reusing
// its buffers and key names.
type resolver struct {
	g        *Graph
	opts     Options
	names    *keyNames // nil makes new key strings each time
	edges    []Edge
	rewrites []rewrite
}

// links are what resolving one entry found.
type links struct {
	edges []Edge // in file order, cut to size
	diags diag.List
	// rewrites are the values to replace by their target's slug; find
	// returns them in the resolver's buffer, valid until its next call.
	rewrites []rewrite
}

// find resolves e's references without writing anything.
func (r *resolver) find(e *load.Entry) links {
	g, opts := r.g, r.opts
	var diags diag.List
	fromDraft := e.Draft() // looked up once, not for each reference
	r.edges, r.rewrites = r.edges[:0], r.rewrites[:0]
	walkRefs(e.Type.Fields, e.Fields, "", "", r.names, func(f *schema.Field, at *refPath, value string) string {
		key := at.key
		target := f.Target()
		to := g.Lookup(target, value)
		if to == nil {
			if !g.broken[target+"/"+value] {
				diags = append(diags, g.dangling(e, f, key, target, value))
			}
			return value
		}
		if !opts.Drafts && (fromDraft || to.Draft()) {
			if !fromDraft {
				diags = append(diags, diag.Diagnostic{File: e.File, Key: key, Pending: true, AtValue: true, Severity: diag.Warning,
					Code: "draft-ref", Message: fmt.Sprintf("%s refers to %s, a draft, which is not published", f.Name, to.ID()),
					Found: strconv.Quote(value), Hint: "publish " + to.File + " (remove draft = true) or remove the reference"})
			}
			return to.Slug
		}
		r.edges = append(r.edges, Edge{From: e, To: to, path: at})
		return to.Slug
	}, &r.rewrites)
	var edges []Edge
	if len(r.edges) > 0 {
		edges = slices.Clone(r.edges) // no spare capacity kept for the whole build
	}
	return links{edges: edges, diags: diags, rewrites: r.rewrites}
}

// keep rewrites e's references as found and records its edges in g.out,
// but not in g.in: see linkBack.
func (g *Graph) keep(e *load.Entry, found links) {
	for _, rw := range found.rewrites {
		rw.apply()
	}
	if len(found.edges) > 0 {
		g.out[e] = found.edges
	}
}

// resolve rewrites e's references and records its edges in g.out, in
// file order, but not in g.in: see linkBack.
func (r *resolver) resolve(e *load.Entry) diag.List {
	found := r.find(e)
	r.g.keep(e, found)
	return found.diags
}

// linkBack adds edges to their targets' backlinks.
func (g *Graph) linkBack(edges []Edge) {
	for _, edge := range edges {
		g.in[edge.To] = append(g.in[edge.To], edge)
	}
}

// linkAllBack fills g.in from the edges of every entry in one array cut
// to size, instead of one list per target grown by appending: backlinks
// are half the edges a large build keeps, and growing each list left it
// a third empty on average.
func (g *Graph) linkAllBack(entries []*load.Entry) {
	counts := map[*load.Entry]int32{}
	total := 0
	for _, e := range entries {
		for _, edge := range g.out[e] {
			counts[edge.To]++
			total++
		}
	}
	all := make([]Edge, total)
	for to, n := range counts {
		g.in[to], all = all[:0:n], all[n:]
	}
	for _, e := range entries {
		g.linkBack(g.out[e])
	}
}

// dangling explains a reference that names no entry of its type.
func (g *Graph) dangling(e *load.Entry, f *schema.Field, key, target, value string) diag.Diagnostic {
	d := diag.Diagnostic{File: e.File, Key: key, Pending: true, AtValue: true, Found: strconv.Quote(value)}
	t := g.schema.Type(target)
	for _, other := range g.schema.Types {
		if other.Name != target && g.bySlug[other.Name][value] != nil {
			d.Code = "wrong-ref-type"
			d.Message = fmt.Sprintf("%s: %q is a %s, but %s must name a %s", f.Name, value, other.Name, f.Name, target)
			d.Allowed = "the slug of a file in content/" + t.Folder + "/"
			d.Hint = diag.DidYouMean(value, g.candidates(target))
			return d
		}
	}
	d.Code = "dangling-ref"
	d.Message = fmt.Sprintf("%s: no %s %q", f.Name, target, value)
	d.Allowed = "the slug of a file in content/" + t.Folder + "/"
	if g.byAlias[target] != nil {
		d.Allowed += ", or one of its " + t.Aliases
	}
	d.Hint = diag.DidYouMean(value, g.candidates(target))
	if d.Hint == "" {
		d.Hint = "create content/" + t.Folder + "/" + load.SuggestSlug(value) + ".md, or correct the name"
	}
	if broken := g.brokenOf(target); len(broken) > 0 && g.byAlias[target] != nil {
		d.Hint += "; " + strings.Join(broken, ", ") + " could not be read and may define it"
	}
	return d
}

// brokenOf lists the slugs of a type's files that failed to load.
func (g *Graph) brokenOf(typeName string) []string {
	var out []string
	for k := range g.broken {
		if t, slug, _ := strings.Cut(k, "/"); t == typeName {
			out = append(out, slug)
		}
	}
	slices.Sort(out)
	return out
}

// candidates are the names a reference to the type may use.
func (g *Graph) candidates(typeName string) []string {
	names := slices.Sorted(maps.Keys(g.bySlug[typeName]))
	for _, e := range g.Entries(typeName) { // in slug order, so that ties are broken the same way every run
		if e.Type.Aliases == "" {
			break
		}
		aliases, _ := e.Fields[e.Type.Aliases].([]any)
		for _, a := range aliases {
			if s, ok := a.(string); ok {
				names = append(names, s)
			}
		}
	}
	return names
}
