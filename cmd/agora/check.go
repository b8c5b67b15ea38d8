package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

func runCheck(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("check")
	format := fs.String("format", "text", "output `format`: text, json or github (workflow annotations)")
	drafts := fs.Bool("drafts", false, "check as a build with --drafts would")
	if done, err := c.parse(fs, args); done {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("check takes no arguments, found %q", fs.Arg(0))
	}
	if !slices.Contains(diag.Formats, *format) {
		return usageError("unknown --format %q; use %s", *format, strings.Join(diag.Formats, ", "))
	}
	p, err := openProject(ctx, *source, *drafts)
	if err != nil {
		return err
	}
	defer p.Close()
	c.printDiags(p, *format, c.stdout)
	if *format == "text" {
		if errs, warns := p.Diags.Count(); errs+warns == 0 {
			fmt.Fprintf(c.stdout, "ok: %d entries, no problems\n", len(p.Content.Entries))
		}
	}
	if p.Diags.HasErrors() {
		return errContent
	}
	return nil
}

func openProject(ctx context.Context, source string, drafts bool) (*site.Project, error) {
	p, err := site.Open(ctx, site.Options{Source: source, Drafts: drafts, Today: today()})
	if err != nil {
		return nil, &exitError{exitUsage, err.Error()}
	}
	return p, nil
}

func (c *cli) printDiags(p *site.Project, format string, w interface{ Write([]byte) (int, error) }) {
	pr := diag.Printer{Format: format, Color: isTerminal(w), ReadFile: p.Root.ReadFile}
	pr.Print(w, p.Diags)
}
