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

// visit is called for each ref or topic value; it returns the value to
// store in its place.
type visit func(f *schema.Field, key, field, value string) string

// walkRefs calls fn for every ref and topic value of one table, nested
// objects and lists included. Key paths are made by names, which may be
// nil.
func walkRefs(fields []*schema.Field, values map[string]any, key, field string, names *keyNames, fn visit) {
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
					walkRefs(f.Fields, m, ik, fp, names, fn)
				}
			}
		case f.Target() == "":
		case f.Kind == schema.List:
			list, _ := v.([]any)
			for i, item := range list {
				if s, ok := item.(string); ok {
					if to := fn(f, names.index(k, i), fp, s); to != s {
						list[i] = to // not boxed again when unchanged
					}
				}
			}
		default:
			if s, ok := v.(string); ok {
				if to := fn(f, k, fp, s); to != s {
					values[f.Name] = to
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

// resolve rewrites e's references and records its edges in g.out, in
// file order, but not in g.in: see linkBack. edges is a buffer to reuse;
// resolve returns it grown.
func (g *Graph) resolve(e *load.Entry, opts Options, names *keyNames, edges []Edge) ([]Edge, diag.List) {
	var diags diag.List
	edges = edges[:0]
	walkRefs(e.Type.Fields, e.Fields, "", "", names, func(f *schema.Field, key, field, value string) string {
		target := f.Target()
		to := g.Lookup(target, value)
		if to == nil {
			if !g.broken[target+"/"+value] {
				diags = append(diags, g.dangling(e, f, key, target, value))
			}
			return value
		}
		if !opts.Drafts && (to.Draft() || e.Draft()) {
			if !e.Draft() {
				diags = append(diags, diag.Diagnostic{File: e.File, Key: key, Pending: true, AtValue: true, Severity: diag.Warning,
					Code: "draft-ref", Message: fmt.Sprintf("%s refers to %s, a draft, which is not published", f.Name, to.ID()),
					Found: strconv.Quote(value), Hint: "publish " + to.File + " (remove draft = true) or remove the reference"})
			}
			return to.Slug
		}
		edges = append(edges, Edge{From: e, Field: field, Key: key, To: to})
		return to.Slug
	})
	if len(edges) > 0 {
		g.out[e] = slices.Clone(edges) // no spare capacity kept for the whole build
	}
	return edges, diags
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
