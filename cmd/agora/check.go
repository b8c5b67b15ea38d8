package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/guard"
	"github.com/agora-community/agora/generator/site"
)

func runCheck(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("check")
	format := fs.String("format", "text", "output `format`: text, json or github (workflow annotations)")
	drafts := fs.Bool("drafts", false, "check as a build with --drafts would")
	since := fs.String("changed-since", "", "report only on the files changed since the Git `ref` (committed, staged, or not yet) and the entries that refer to them, e.g. origin/main in a pull request")
	translations := fs.String("translations", "", "list what is translated into `LANG`, what is stale and what is missing, per type (text or json); the problems go to standard error")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if err := noArgs("check", positional); err != nil {
		return err
	}
	if !slices.Contains(diag.Formats, *format) {
		return usageError("unknown --format %q; use %s", *format, strings.Join(diag.Formats, ", "))
	}
	if *translations != "" && *format == "github" {
		return usageError("--translations prints text or json, not github")
	}
	p, err := openProject(ctx, *source, *drafts, false)
	if err != nil {
		return err
	}
	defer p.Close()
	if *translations != "" {
		return c.printTranslations(p, *translations, *format)
	}
	var scope *site.Scope
	if *since != "" {
		s, err := p.OnlyChangedSince(ctx, *since)
		if err != nil {
			return usageError("--changed-since: %v", err)
		}
		if !s.All {
			scope = &s
		}
		notices, err := guard.Check(ctx, *source, *since, s.Changed, p.Schema)
		if err != nil {
			return usageError("--changed-since: %v", err)
		}
		p.Diags = append(p.Diags, notices...)
		p.Diags.Sort()
	}
	c.printDiags(p, *format, c.stdout)
	if *format == "text" {
		if errs, warns := p.Diags.Count(); errs+warns == 0 {
			if scope != nil {
				fmt.Fprintf(c.stdout, "ok: %s, no problems in the %s changed since %s or referring to them\n",
					entries(len(p.Content.Entries)), files(scope.Files()), *since)
			} else {
				fmt.Fprintf(c.stdout, "ok: %s, no problems\n", entries(len(p.Content.Entries)))
			}
		} else if scope != nil {
			fmt.Fprintf(c.stdout, "(only the %s changed since %s or referring to them; agora check without --changed-since reports on every file)\n",
				files(scope.Files()), *since)
		}
	}
	if p.Diags.HasErrors() {
		return errContent
	}
	return nil
}

func entries(n int) string {
	if n == 1 {
		return "1 entry"
	}
	return fmt.Sprintf("%d entries", n)
}

func files(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}

// openProject loads, checks and links source; with history it also asks
// Git, while the content loads, for the last change of every entry.
func openProject(ctx context.Context, source string, drafts, history bool) (*site.Project, error) {
	p, err := site.Open(ctx, site.Options{Source: source, Drafts: drafts, Today: today(), History: history})
	if err != nil {
		return nil, &exitError{exitUsage, err.Error()}
	}
	return p, nil
}

func (c *cli) printDiags(p *site.Project, format string, w interface{ Write([]byte) (int, error) }) {
	pr := diag.Printer{Format: format, Color: isTerminal(w), ReadFile: p.Root.ReadFile}
	pr.Print(w, p.Diags)
}
