package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/spreadsheet"
)

// columnMaps collects --map COLUMN=FIELD flags.
type columnMaps map[string]string

func (m columnMaps) String() string { return "" }

func (m columnMaps) Set(s string) error {
	i := strings.LastIndex(s, "=")
	if i <= 0 {
		return fmt.Errorf("expected COLUMN=FIELD (or COLUMN=- to leave the column out), found %q", s)
	}
	m[s[:i]] = s[i+1:]
	return nil
}

func runImport(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("import")
	typeName := fs.String("type", "", "the `type` of the entries, such as member")
	maps := columnMaps{}
	fs.Var(maps, "map", "take the column named `COLUMN=FIELD` as that field (repeatable); COLUMN=- leaves it out")
	dryRun := fs.Bool("dry-run", false, "check every row and say what would be written, writing nothing")
	dateFormat := fs.String("date-format", "", "how the file writes dates whose day and month could be either way round: `DD/MM/YYYY`, MM/DD/YYYY or YYYY-MM-DD")
	format := fs.String("format", "text", "how to print problems: text, json or github (workflow annotations)")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if len(positional) != 1 {
		return usageError("import needs one CSV file: agora import members.csv --type member")
	}
	if *typeName == "" {
		return usageError("import needs --type: the type of the entries the rows become, such as --type member")
	}
	if !slices.Contains(diag.Formats, *format) {
		return usageError("unknown --format %q; use %s", *format, strings.Join(diag.Formats, ", "))
	}
	var order spreadsheet.DateOrder
	if *dateFormat != "" {
		var ok bool
		if order, ok = spreadsheet.ParseDateOrder(*dateFormat); !ok {
			return usageError("--date-format %q: use DD/MM/YYYY (day first), MM/DD/YYYY (month first) or YYYY-MM-DD", *dateFormat)
		}
	}
	file := positional[0]
	data, err := os.ReadFile(file)
	if err != nil {
		return usageError("cannot read %s: %v", file, errors.Unwrap(err))
	}
	p, err := openProject(ctx, *source, false, false)
	if err != nil {
		return err
	}
	defer p.Close()
	if p.Schema == nil || p.Content == nil {
		c.printDiags(p, *format, c.stdout)
		return errContent
	}
	t, err := typeNamed(p.Schema, *typeName)
	if err != nil {
		return err
	}
	files, diags, err := spreadsheet.Import(p, spreadsheet.Options{File: filepath.ToSlash(file), Data: data, Type: t,
		Maps: maps, Dates: order, Today: today()})
	if err != nil {
		return usageError("%v", err)
	}
	diag.Printer{Format: *format, Color: isTerminal(c.stdout)}.Print(c.stdout, diags)
	summary := c.stdout
	if *format != "text" {
		summary = c.stderr
	}
	if diags.HasErrors() {
		fmt.Fprintf(summary, "nothing written: fix the rows above and run agora import again\n")
		return errContent
	}
	if *dryRun {
		for _, f := range files {
			fmt.Fprintf(summary, "would write %s (row %d)\n", f.Path, f.Row)
		}
		fmt.Fprintf(summary, "dry run: %s checked, nothing written\n", entries(len(files)))
		return nil
	}
	if err := writeNew(*source, files); err != nil {
		return err
	}
	fmt.Fprintf(summary, "wrote %s to content/%s/, each checked with the rest of the content; review them and commit\n", entries(len(files)), t.Folder)
	return nil
}

// writeNew creates each file, never replacing one; when one cannot be
// created, those already written are removed, so that an import writes
// all of its entries or none.
func writeNew(source string, files []spreadsheet.File) error {
	var written []string
	fail := func(err error) error {
		for _, p := range written {
			os.Remove(p)
		}
		return err
	}
	for _, f := range files {
		p := filepath.Join(source, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fail(err)
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fail(fmt.Errorf("%s: %w; nothing written", f.Path, err))
		}
		written = append(written, p)
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(fmt.Errorf("%s: %w; nothing written", f.Path, err))
		}
	}
	return nil
}
