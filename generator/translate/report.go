package translate

import (
	"path"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// Report is what is translated into one language, per type: the work
// list of a volunteer translator (`agora check --translations LANG`, and
// the site's /translations/ page).
type Report struct {
	Lang  string       `json:"language"`
	Types []TypeReport `json:"types"`
}

// TypeReport is one type's share of a Report. An entry counts when it
// is published and written in another language than Lang.
type TypeReport struct {
	Type       string `json:"type"`
	Folder     string `json:"folder"`
	Entries    int    `json:"entries"`
	Translated int    `json:"translated"` // stale ones included
	Stale      []Item `json:"stale"`
	Missing    []Item `json:"missing"`
	missing    []*load.Entry
	stale      []*Translation
}

// Item is an entry to translate, or a stale translation to update.
type Item struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Original    string `json:"original"`          // the original's file
	Translation string `json:"translation"`       // the translation's file, to write or to update
	Changed     string `json:"changed,omitempty"` // when the original changed, for a stale one
	ChangedBy   string `json:"changed_by,omitempty"`
}

// MissingEntries and StaleTranslations are the report's items as the
// entries themselves, for the site's page to link.
func (r *TypeReport) MissingEntries() []*load.Entry     { return r.missing }
func (r *TypeReport) StaleTranslations() []*Translation { return r.stale }

// Report says, for each type of the schema, how many of its entries are
// translated into lang, which translations are stale and which entries
// have none. defaultLang is the site's language, the entries' own when
// they do not say theirs; drafts are left out unless published is nil.
func (s *Set) Report(c *load.Content, sch *schema.Schema, lang, defaultLang string, published func(*load.Entry) bool) Report {
	r := Report{Lang: lang}
	for _, t := range sch.Types {
		tr := TypeReport{Type: t.Name, Folder: t.Folder, Stale: []Item{}, Missing: []Item{}}
		for _, e := range c.Entries {
			if e.Type != t || published != nil && !published(e) || ownLanguage(e, defaultLang) == lang {
				continue
			}
			tr.Entries++
			tl := s.Of(e, lang)
			switch {
			case tl == nil:
				tr.missing = append(tr.missing, e)
				tr.Missing = append(tr.Missing, Item{Slug: e.Slug, Title: e.Title(), Original: e.File, Translation: TranslationFile(e, lang)})
			case tl.Stale:
				tr.Translated++
				tr.stale = append(tr.stale, tl)
				tr.Stale = append(tr.Stale, Item{Slug: e.Slug, Title: e.Title(), Original: e.File, Translation: tl.File.File,
					Changed: schema.FormatDate(tl.OriginalChange.Date), ChangedBy: tl.OriginalChange.Author})
			default:
				tr.Translated++
			}
		}
		if tr.Entries > 0 {
			r.Types = append(r.Types, tr)
		}
	}
	return r
}

// ownLanguage is the language an entry is written in: its language
// field, else the site's.
func ownLanguage(e *load.Entry, defaultLang string) string {
	if l, ok := e.Fields["language"].(string); ok && l != "" {
		return l
	}
	return defaultLang
}

// TranslationFile is where the translation of e into lang is written:
// beside the original, SLUG.LANG.md (or .toml, as the original), or
// SLUG/index.LANG.md in an entry folder.
func TranslationFile(e *load.Entry, lang string) string {
	ext := ".md"
	if e.BodyStart < 0 {
		ext = ".toml"
	}
	if e.Folder != "" {
		return path.Join(e.Folder, "index."+lang+ext)
	}
	return path.Join(path.Dir(e.File), e.Slug+"."+lang+ext)
}
