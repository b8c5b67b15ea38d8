// Package guard points out the changes of a pull request that can undo
// the site's safety for every reader: site.toml turning unsafe_html on, a
// schema field losing its private flag, a theme gaining a script. They
// are warnings, at the file and line that makes the change, for the
// maintainers who review them (see the CODEOWNERS files of agora init).
package guard

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/schema"
)

// Check compares the files changed since ref (paths relative to source,
// as gitinfo.Changed lists them) with their versions at ref. current is
// the schema in force now.
func Check(ctx context.Context, source, ref string, changed []string, current *schema.Schema) (diag.List, error) {
	old := func(p string) ([]byte, bool, error) { return gitinfo.Show(ctx, source, ref, p) }
	var diags diag.List
	schemaChanged := false
	for _, p := range changed {
		var d diag.List
		var err error
		switch {
		case p == "site.toml":
			d, err = unsafeHTML(source, old)
		case strings.HasPrefix(p, "schema/") && path.Ext(p) == ".toml":
			schemaChanged = true
		case strings.HasPrefix(p, "themes/"):
			d, err = scripts(source, p, old)
		}
		if err != nil {
			return nil, err
		}
		diags = append(diags, d...)
	}
	if schemaChanged && current != nil {
		d, err := privateFlags(source, changed, current, old)
		if err != nil {
			return nil, err
		}
		diags = append(diags, d...)
	}
	return diags, nil
}

type showFunc func(p string) ([]byte, bool, error)

func notice(file string, line, col int, code, msg, found, hint string) diag.Diagnostic {
	return diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Warning, Code: code, Message: msg,
		Found: found, Hint: hint}
}

const review = "a maintainer must review this change (see CODEOWNERS and CONTRIBUTING.md)"

// unsafeHTML reports site.toml turning unsafe_html on.
func unsafeHTML(source string, old showFunc) (diag.List, error) {
	now, err := os.ReadFile(filepath.Join(source, "site.toml"))
	if err != nil {
		return nil, nil // removed: the default is off
	}
	before, _, err := old("site.toml")
	if err != nil {
		return nil, err
	}
	if !unsafeOn(now) || unsafeOn(before) {
		return nil, nil
	}
	line, col := keyLine(now)
	return diag.List{notice("site.toml", line, col, "guard-unsafe-html",
		"this change turns unsafe_html on: entries may then publish raw HTML, scripts included, to every reader",
		"unsafe_html = true", review)}, nil
}

func unsafeOn(src []byte) bool {
	var v struct {
		UnsafeHTML bool `toml:"unsafe_html"`
	}
	_, err := toml.Decode(string(src), &v)
	return err == nil && v.UnsafeHTML
}

var keyPattern = regexp.MustCompile(`(?m)^[ \t]*unsafe_html[ \t]*=`)

// keyLine finds the line and column of the top-level key unsafe_html.
func keyLine(src []byte) (int, int) {
	loc := keyPattern.FindIndex(src) // (?m)^: loc[0] starts the line
	if loc == nil {
		return 1, 1
	}
	lead := src[loc[0]:loc[1]]
	return bytes.Count(src[:loc[0]], []byte("\n")) + 1, len(lead) - len(bytes.TrimLeft(lead, " \t")) + 1
}

var scriptTag = regexp.MustCompile(`(?i)<script\b`)

// scripts reports a new .js file in a theme, or a <script> element
// added to a template.
func scripts(source, p string, old showFunc) (diag.List, error) {
	now, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(p)))
	if err != nil {
		return nil, nil // removed
	}
	before, existed, err := old(p)
	if err != nil {
		return nil, err
	}
	if path.Ext(p) == ".js" || path.Ext(p) == ".mjs" {
		if existed {
			return nil, nil
		}
		return diag.List{notice(p, 1, 1, "guard-script", "this change adds a script to a theme: it will run on the pages of every reader",
			path.Base(p), review)}, nil
	}
	seen := map[string]int{}
	for _, line := range strings.Split(string(before), "\n") {
		if scriptTag.MatchString(line) {
			seen[strings.TrimSpace(line)]++
		}
	}
	var diags diag.List
	for i, line := range strings.Split(string(now), "\n") {
		loc := scriptTag.FindStringIndex(line)
		if loc == nil {
			continue
		}
		if key := strings.TrimSpace(line); seen[key] > 0 {
			seen[key]--
			continue
		}
		diags = append(diags, notice(p, i+1, len([]rune(line[:loc[0]]))+1, "guard-script",
			"this change adds a <script> to a theme's template: it will run on the pages of every reader",
			strings.TrimSpace(line), review))
	}
	return diags, nil
}

// privateFlags reports the fields that were private at ref and are
// published now: the schema in force then (the community's files as they
// were, over the default ones) against the schema in force now.
func privateFlags(source string, changed []string, current *schema.Schema, old showFunc) (diag.List, error) {
	then := fstest.MapFS{}
	own := os.DirFS(filepath.Join(source, "schema"))
	names, _ := fs.Glob(own, "*.toml")
	for _, name := range names {
		if b, err := fs.ReadFile(own, name); err == nil {
			then[name] = &fstest.MapFile{Data: b}
		}
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, "schema/") || path.Ext(p) != ".toml" || strings.Count(p, "/") != 1 {
			continue
		}
		name := strings.TrimPrefix(p, "schema/")
		b, existed, err := old(p)
		if err != nil {
			return nil, err
		}
		delete(then, name)
		if existed {
			then[name] = &fstest.MapFile{Data: b}
		}
	}
	before, _ := schema.Load(agora.DefaultSchema, then)
	var diags diag.List
	for _, t := range before.Types {
		now := current.Type(t.Name)
		if now == nil {
			continue
		}
		diags = append(diags, published(t.Name, t.Fields, now.Fields, "")...)
	}
	return diags, nil
}

// published compares the fields of a type (or object) then and now.
func published(typeName string, then, now []*schema.Field, prefix string) diag.List {
	var diags diag.List
	for _, f := range then {
		var g *schema.Field
		for _, n := range now {
			if n.Name == f.Name {
				g = n
			}
		}
		if g == nil {
			continue
		}
		if f.Private && !g.Private {
			diags = append(diags, notice(g.Decl.File, g.Decl.Line, g.Decl.Col, "guard-private",
				fmt.Sprintf("this change publishes %s %s%s, which was private: its values will be on the site, in its search index and feeds", typeName, prefix, f.Name),
				"private = true removed", review))
		}
		diags = append(diags, published(typeName, f.Fields, g.Fields, prefix+f.Name+".")...)
	}
	return diags
}
