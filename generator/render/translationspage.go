package render

import (
	"slices"
	"time"

	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/translate"
)

// The /translations/ page (in every language of a site that has more
// than one): per language, what is translated, stale or missing, by
// type, with the entries to translate: the work list of volunteer
// translators. The counts come from translate.Set.Report, as `agora
// check --translations LANG` prints them.

// TranslationReport is one language's share of the translations page.
type TranslationReport struct {
	Code, Name, Dir                     string
	Types                               []TranslationTypeReport
	Entries, Translated, Stale, Missing int
}

// TranslationTypeReport is one type's counts and entries.
type TranslationTypeReport struct {
	Type                                *schema.Type
	Path                                string // its list's, "" for a type without one
	Entries, Translated, Stale, Missing int
	MissingEntries, StaleEntries        []TranslationItem
}

// TranslationItem is an entry to translate, or whose translation to
// bring up to date.
type TranslationItem struct {
	Entry *Entry // the original, as this language's pages show it
	// File is the translation's file: the one to write, or to update.
	File string
	// Edit links to where to work: the original's source for a missing
	// translation, the translation's for a stale one ("" without [repo]).
	Edit      string
	Changed   time.Time // when the original changed, for a stale one
	ChangedBy string
}

// TranslationReports are the reports of every language but the
// default, the page's own first.
func (p *Page) TranslationReports() []TranslationReport {
	s := p.s
	langs := slices.Clone(s.opts.Languages[min(1, len(s.opts.Languages)):])
	slices.SortStableFunc(langs, func(a, b translate.Language) int {
		if a.Code == s.lang.Code {
			return -1
		}
		if b.Code == s.lang.Code {
			return 1
		}
		return 0
	})
	out := make([]TranslationReport, 0, len(langs))
	for _, l := range langs {
		r := s.in.Translations.Report(s.in.Content, s.in.Schema, l.Code, s.defaultLang(), s.published)
		tr := TranslationReport{Code: l.Code, Name: l.Name, Dir: l.Dir}
		for i := range r.Types {
			tr.Types = append(tr.Types, s.translationTypeReport(&r.Types[i]))
			t := tr.Types[len(tr.Types)-1]
			tr.Entries += t.Entries
			tr.Translated += t.Translated
			tr.Stale += t.Stale
			tr.Missing += t.Missing
		}
		out = append(out, tr)
	}
	return out
}

func (s *Site) translationTypeReport(r *translate.TypeReport) TranslationTypeReport {
	out := TranslationTypeReport{Type: s.in.Schema.Type(r.Type), Entries: r.Entries, Translated: r.Translated,
		Stale: len(r.Stale), Missing: len(r.Missing)}
	if listed(out.Type) {
		out.Path = out.Type.Folder + "/"
	}
	for i, e := range r.MissingEntries() {
		out.MissingEntries = append(out.MissingEntries, TranslationItem{Entry: s.view(e), File: r.Missing[i].Translation,
			Edit: s.repoFileLink(e.File, "edit")})
	}
	for _, t := range r.StaleTranslations() {
		out.StaleEntries = append(out.StaleEntries, TranslationItem{Entry: s.view(t.Original), File: t.File.File,
			Edit: s.repoFileLink(t.File.File, "edit"), Changed: t.OriginalChange.Date, ChangedBy: t.OriginalChange.Author})
	}
	return out
}
