package main

import (
	"bufio"
	"context"
	"fmt"

	"github.com/agora-community/agora/generator/spreadsheet"
)

func runExport(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("export")
	typeName := fs.String("type", "", "the `type` whose entries to print, such as member")
	format := fs.String("format", "csv", "csv (a spreadsheet) or json")
	private := fs.Bool("private", false, "include the private fields (such as phone numbers), which the site never publishes")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if err := noArgs("export", positional); err != nil {
		return err
	}
	if *typeName == "" {
		return usageError("export needs --type, such as --type member")
	}
	if *format != "csv" && *format != "json" {
		return usageError("unknown --format %q; use csv or json", *format)
	}
	p, err := openProject(ctx, *source, true, false)
	if err != nil {
		return err
	}
	defer p.Close()
	if p.Schema == nil || p.Content == nil || p.Diags.HasErrors() {
		c.printDiags(p, "text", c.stderr)
		fmt.Fprintln(c.stderr, "nothing exported: fix the content first (agora check lists the problems)")
		return errContent
	}
	t, err := typeNamed(p.Schema, *typeName)
	if err != nil {
		return err
	}
	if *private {
		fmt.Fprintln(c.stderr, "agora: warning: the output contains private data (fields marked private, such as phone numbers, that the site never publishes); keep it off shared drives and out of the repository")
	}
	w := bufio.NewWriter(c.stdout)
	if err := spreadsheet.Export(w, p.Content, t, *format, *private); err != nil {
		return err
	}
	return w.Flush()
}
