package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
	"github.com/agora-community/agora/generator/translate"
)

// printTranslations prints what is translated into lang (agora check
// --translations): the work list of a volunteer translator. The content's
// problems go to standard error, so that standard output stays the list.
func (c *cli) printTranslations(p *site.Project, lang, format string) error {
	if len(p.Diags) > 0 {
		pr := diag.Printer{Format: "text", Color: isTerminal(c.stderr), ReadFile: p.Root.ReadFile}
		pr.PrintSummary(c.stderr, p.Diags, p.Place)
	}
	if p.Diags.HasErrors() {
		return errContent
	}
	languages := p.Site.Languages
	if !slices.Contains(languages[1:], lang) {
		hint := diag.DidYouMean(lang, languages[1:])
		return usageError("--translations %q: the site is not published in it; site.toml's other languages: %s %s",
			lang, strings.Join(languages[1:], ", "), hint)
	}
	r := p.Translations.Report(p.Content, p.Schema, lang, p.Site.Language, p.Published)
	if format == "json" {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	writeReport(c.stdout, r)
	return nil
}

func writeReport(w io.Writer, r translate.Report) {
	fmt.Fprintf(w, "Translations into %s:\n", r.Lang)
	for _, t := range r.Types {
		fmt.Fprintf(w, "  %-12s %d of %d translated, %d stale, %d missing\n", t.Type, t.Translated, t.Entries, len(t.Stale), len(t.Missing))
	}
	for _, t := range r.Types {
		for _, it := range t.Stale {
			by := ""
			if it.ChangedBy != "" {
				by = " by " + it.ChangedBy
			}
			fmt.Fprintf(w, "stale:   %s (%s changed %s%s)\n", it.Translation, it.Original, it.Changed, by)
		}
	}
	for _, t := range r.Types {
		for _, it := range t.Missing {
			fmt.Fprintf(w, "missing: %s (translates %s, %s)\n", it.Translation, it.Original, strconv.Quote(it.Title))
		}
	}
}
