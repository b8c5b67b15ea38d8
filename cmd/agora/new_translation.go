package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/scaffold"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/translate"
)

// newTranslation writes content/FOLDER/SLUG.LANG.md (agora new TYPE SLUG
// --lang LANG): the original's translatable fields to fill in, their
// text as comments.
func newTranslation(ctx context.Context, c *cli, source string, t *schema.Type, slug, lang string) error {
	p, err := openProject(ctx, source, true, false)
	if err != nil {
		return err
	}
	defer p.Close()
	if p.Site == nil {
		return &exitError{exitContent, "site.toml has errors; run agora check"}
	}
	others := p.Site.Languages[1:]
	if !slices.Contains(others, lang) {
		return usageError("--lang %q: the site is not published in it; site.toml's other languages: %s. %s",
			lang, strings.Join(others, ", "), diag.DidYouMean(lang, others))
	}
	original := p.Graph.Lookup(t.Name, slug)
	if original == nil || original.Slug != slug {
		var slugs []string
		for _, e := range p.Content.Entries {
			if e.Type.Name == t.Name {
				slugs = append(slugs, e.Slug)
			}
		}
		return &exitError{exitContent, fmt.Sprintf("no %s %q to translate. %s", t.Name, slug, diag.DidYouMean(slug, slugs))}
	}
	rel := translate.TranslationFile(original, lang)
	if _, err := os.Stat(filepath.Join(source, rel)); err == nil {
		return &exitError{exitContent, rel + " already exists"}
	}
	body, err := p.Content.Body(original)
	if err != nil {
		return err
	}
	text := scaffold.Translation(t, original.Fields, original.File, lang, string(body))
	f, err := os.OpenFile(filepath.Join(source, filepath.FromSlash(rel)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "wrote %s: translate its values and text, then run agora check\n", rel)
	return nil
}
