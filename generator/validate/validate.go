package validate

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/cores"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Options tune validation.
type Options struct {
	// Today dates the overdue warnings; the zero time turns them off.
	Today time.Time
}

// Entries checks every entry's fields on every core (Entry) and then
// what spans entries (Across): the two passes a build makes, the first
// while it loads (load.Options.Check).
func Entries(ctx context.Context, c *load.Content, sch *schema.Schema, opts Options) (diag.List, error) {
	found := make([]diag.List, len(c.Entries))
	if err := cores.Each(ctx, len(c.Entries), func(i int) { found[i] = Entry(c.Entries[i], opts) }); err != nil {
		return nil, err
	}
	var diags diag.List
	for _, d := range found {
		diags = append(diags, d...)
	}
	return append(diags, Across(c.Entries, sch)...), nil
}

// Fields checks one table of values (site.toml, say) against fields.
func Fields(file, what string, fields []*schema.Field, raw map[string]any) (map[string]any, diag.List) {
	rc := recordChecker{file: file, what: what}
	out := rc.Record(fields, raw, "")
	return out, rc.diags
}

// unique reports values of unique fields that an earlier entry (in file
// order) already holds. Lists count each element.
func unique(entries []*load.Entry, sch *schema.Schema) diag.List {
	var diags diag.List
	for _, t := range sch.Types {
		for _, f := range t.Fields {
			if !f.Unique {
				continue
			}
			seen := map[string]*load.Entry{}
			for _, e := range entries {
				if e.Type != t {
					continue
				}
				for i, v := range schema.Items(e.Fields[f.Name]) {
					if v == nil {
						continue // an invalid item, already reported
					}
					k := fmt.Sprint(v)
					if first := seen[k]; first != nil && first != e {
						key := f.Name
						if f.Kind == schema.List {
							key += "." + strconv.Itoa(i)
						}
						diags = append(diags, diag.Diagnostic{File: e.File, Key: key, Pending: true, AtValue: true,
							Code: "duplicate-value", Message: fmt.Sprintf("%s %q is already used by %s", f.Name, k, first.File),
							Found: strconv.Quote(k), Allowed: "a value no other " + t.Name + " has", Hint: "each " + t.Name + " needs its own " + f.Name})
					} else if first == nil {
						seen[k] = e
					}
				}
			}
		}
	}
	return diags
}

// reservedPaths keeps types published at the site's root (pages) from
// taking the URL of a list page or a file the site writes.
func reservedPaths(entries []*load.Entry, sch *schema.Schema) diag.List {
	reserved := append(sch.Folders(), schema.ReservedFolders...)
	var diags diag.List
	for _, e := range entries {
		if strings.Count(e.Type.Path, "/") != 2 || !slices.Contains(reserved, e.Slug) {
			continue
		}
		diags = append(diags, diag.Diagnostic{File: e.File, Code: "reserved-slug",
			Message: fmt.Sprintf("the slug %q would take the site's own URL /%s/", e.Slug, e.Slug),
			Found:   e.Slug, Allowed: "any slug but " + strings.Join(reserved, ", "),
			Hint: "rename the file, e.g. to about-" + e.Slug + ".md"})
	}
	return diags
}
