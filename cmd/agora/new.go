package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/scaffold"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/site"
)

func runNew(ctx context.Context, c *cli, args []string) error {
	flags, source := c.flags("new")
	title := flags.String("title", "", "the new entry's `title`, written into its title field")
	folder := flags.Bool("folder", false, "write an entry folder, content/FOLDER/SLUG/index.md, to put photos and documents beside")
	lang := flags.String("lang", "", "write a translation of the entry SLUG into `LANG` (one of site.toml's languages) instead of a new entry")
	positional, done, err := c.parse(flags, args)
	if done {
		return err
	}
	if len(positional) != 2 {
		return usageError("new needs a type and a slug: agora new member casa-sonora")
	}
	typeName, slug := positional[0], positional[1]
	if _, err := os.Stat(filepath.Join(*source, "site.toml")); err != nil {
		return usageError("%s has no site.toml: run agora new in the community's folder, or pass --source", *source)
	}
	sch, err := loadSchema(c, *source)
	if err != nil {
		return err
	}
	t, err := typeNamed(sch, typeName)
	if err != nil {
		return err
	}
	if !schema.SlugPattern.MatchString(slug) {
		return usageError("%q is not a valid slug: use lowercase letters, digits and hyphens, e.g. %q", slug, load.SuggestSlug(slug))
	}
	if *lang != "" {
		return newTranslation(ctx, c, *source, t, slug, *lang)
	}
	rel := filepath.Join("content", t.Folder, slug+".md")
	if *folder {
		rel = filepath.Join("content", t.Folder, slug, "index.md")
	}
	path := filepath.Join(*source, rel)
	for _, name := range []string{slug + ".md", slug + ".toml", slug + "/index.md", slug + "/index.toml"} {
		other := filepath.Join("content", t.Folder, filepath.FromSlash(name))
		if _, err := os.Stat(filepath.Join(*source, other)); err == nil {
			return &exitError{exitContent, fmt.Sprintf("%s already exists; choose another slug", filepath.ToSlash(other))}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(scaffold.Entry(t, *title)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if *folder {
		fmt.Fprintf(c.stdout, "wrote %s: fill in the required fields, put photos and documents beside it, then run agora check\n", filepath.ToSlash(rel))
		return nil
	}
	fmt.Fprintf(c.stdout, "wrote %s: fill in the required fields, then run agora check\n", filepath.ToSlash(rel))
	return nil
}

// loadSchema reads the schema in force for a source folder and fails on
// any problem in it.
func loadSchema(c *cli, source string) (*schema.Schema, error) {
	sch, diags, err := site.LoadSchema(source)
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		diag.Printer{Format: "text", Color: isTerminal(c.stderr), ReadFile: func(name string) ([]byte, error) {
			return os.ReadFile(filepath.Join(source, name))
		}}.Print(c.stderr, diags)
		return nil, errContent
	}
	return sch, nil
}

// typeNamed finds a type by its name or folder; an unknown one is a
// usage error listing the types.
func typeNamed(sch *schema.Schema, name string) (*schema.Type, error) {
	t := sch.Type(name)
	if t == nil {
		t = sch.ByFolder(name)
	}
	if t == nil {
		var names []string
		for _, t := range sch.Types {
			names = append(names, t.Name)
		}
		return nil, usageError("unknown type %q; the types are %s. %s", name, strings.Join(names, ", "), diag.DidYouMean(name, names))
	}
	return t, nil
}
