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
	p, err := openProject(ctx, *source, *drafts)
	if err != nil {
		return err
	}
	defer p.Close()
	c.printDiags(p, *format, c.stdout)
	if *format == "text" {
		if errs, warns := p.Diags.Count(); errs+warns == 0 {
			fmt.Fprintf(c.stdout, "ok: %s, no problems\n", entries(len(p.Content.Entries)))
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
