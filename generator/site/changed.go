package site

import (
	"context"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/gitinfo"
)

// Scope says which files a check reported on.
type Scope struct {
	Changed   []string // files changed since the ref, relative to the source
	Referrers []string // unchanged entry files whose refs point at a changed entry
	// All is true when a change reaches every file (site.toml or the
	// schema), so that nothing was left out.
	All bool
}

// Files is how many files the report covers.
func (s Scope) Files() int { return len(s.Changed) + len(s.Referrers) }

// relational are the problems that a change can cause in a file it does
// not touch, where the link graph cannot say so: a ref to an entry that
// was removed or renamed, or to an alias that was dropped, now names
// nothing; a cycle or a clash of aliases involves several files.
var relational = []string{"dangling-ref", "wrong-ref-type", "cycle", "duplicate-alias"}

// OnlyChangedSince keeps, of the project's diagnostics, those about the
// files changed since the Git ref (committed since the branch left it,
// or not committed yet) and about the entries whose refs point at a
// changed entry, for quick checks of a pull request. The whole repository
// was loaded and checked all the same, since refs need it; problems
// outside content/ and those listed in relational are always kept. A
// change to site.toml or the schema keeps everything.
func (p *Project) OnlyChangedSince(ctx context.Context, ref string) (Scope, error) {
	changed, err := gitinfo.Changed(ctx, p.Source, ref)
	if err != nil {
		return Scope{}, err
	}
	scope := Scope{Changed: changed}
	set := map[string]bool{}
	for _, f := range changed {
		set[f] = true
		if f == config.File || strings.HasPrefix(f, "schema/") {
			scope.All = true
		}
	}
	if scope.All {
		return scope, nil
	}
	if p.Content != nil {
		// A photo or document changed in an entry folder is checked at
		// the entry's references to it.
		for _, e := range p.Content.Entries {
			if e.Folder != "" && !set[e.File] && slices.ContainsFunc(changed, func(f string) bool { return strings.HasPrefix(f, e.Folder+"/") }) {
				set[e.File] = true
			}
		}
	}
	if p.Content != nil && p.Graph != nil {
		for _, e := range p.Content.Entries {
			if !set[e.File] {
				continue
			}
			for _, edge := range p.Graph.Backlinks(e) {
				if f := edge.From.File; !set[f] && !slices.Contains(scope.Referrers, f) {
					scope.Referrers = append(scope.Referrers, f)
				}
			}
		}
	}
	slices.Sort(scope.Referrers)
	for _, f := range scope.Referrers {
		set[f] = true
	}
	p.Diags = slices.DeleteFunc(p.Diags, func(d diag.Diagnostic) bool { return !keep(d, set, changed) })
	return scope, nil
}

func keep(d diag.Diagnostic, set map[string]bool, changed []string) bool {
	if set[d.File] || d.File == "content/" || !strings.HasPrefix(d.File, "content/") || slices.Contains(relational, d.Code) {
		return true
	}
	// A clash with a changed file is reported in the other one: a
	// duplicate slug or unique value, a ref to an entry made a draft.
	for _, f := range changed {
		if strings.HasPrefix(f, "content/") && strings.Contains(d.Message+"\n"+d.Found+"\n"+d.Hint, f) {
			return true
		}
	}
	return false
}
