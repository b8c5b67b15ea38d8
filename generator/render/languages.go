package render

import (
	"html/template"
	"net/url"
	"strings"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/translate"
)

// A site in several languages renders one Site per language, one after
// another (see Options.Languages). Pages keep their paths within their
// language ("members/ana/"): links between pages of one language are
// the same in every language, and only what leads out of the language's
// folder (the assets, the other languages, absolute URLs) knows of it.

// setLanguage finds the language of the pages among the site's and
// moves the base URL into its folder.
func (s *Site) setLanguage() {
	s.rootURL = s.base
	s.lang = translate.Language{Code: s.theme.Strings.Lang}
	for _, l := range s.opts.Languages {
		if l.Code == s.opts.Lang {
			s.lang = l
		}
	}
	if s.lang.Prefix != "" {
		b := *s.base
		b.Path += s.lang.Prefix
		s.base = &b
	}
}

// multilingual reports whether the site is published in more than one
// language: only then do pages link to the others.
func (s *Site) multilingual() bool { return len(s.opts.Languages) > 1 }

// fromLanguageFolder makes the paths of files at the site root (the
// assets) lead there from the language's folder.
func (s *Site) fromLanguageFolder(paths map[string]string) map[string]string {
	if s.lang.Prefix == "" {
		return paths
	}
	up := strings.Repeat("../", strings.Count(s.lang.Prefix, "/"))
	for name, p := range paths {
		paths[name] = up + p
	}
	return paths
}

// rootRelative joins a root-relative base ("/network/km/") and a path
// that may climb out of it ("../assets/style.css").
// A relative base is left to climb.
func rootRelative(base, p string) string {
	for strings.HasPrefix(base, "/") && strings.HasPrefix(p, "../") && strings.Count(base, "/") > 1 {
		base = base[:strings.LastIndexByte(base[:len(base)-1], '/')+1]
		p = p[3:]
	}
	return base + p
}

// translateView makes v the entry as a page in the site's language
// shows it: the translation's values over the original's and its body,
// or, without a translation, the original marked as such.
func (s *Site) translateView(v *Entry) {
	if !s.multilingual() {
		return
	}
	e := v.e
	if t := s.in.Translations.Of(e, s.lang.Code); t != nil && (s.opts.Drafts || !t.File.Draft()) {
		values := t.Values(e.Type.Fields)
		values["language"] = s.lang.Code
		v.values, v.translation = values, t.File
		return
	}
	// Only into another language than the default is there a translation
	// to miss: the default's pages show every original as it is.
	v.untranslated = s.lang.Prefix != "" && ownLanguage(e, s.defaultLang()) != s.lang.Code
}

// originalS is a field's value as the original writes it, translated or
// not: what a facet's page is named by, the same in every language.
func (v *Entry) originalS(field string) string {
	if v.translation == nil {
		return v.S(field)
	}
	return record{fields: v.fields, values: v.e.Fields, site: v.site, entry: v}.S(field)
}

// defaultLang is the language entries are written in unless they say.
func (s *Site) defaultLang() string {
	if len(s.opts.Languages) > 0 {
		return s.opts.Languages[0].Code
	}
	return s.theme.Strings.Lang
}

func ownLanguage(e *load.Entry, defaultLang string) string {
	if l, ok := e.Fields["language"].(string); ok && l != "" {
		return l
	}
	return defaultLang
}

// Dir is "rtl" on the pages of a language written right to left.
func (p *Page) Dir() string { return p.s.lang.Dir }

// LanguageLink is the page in one of the site's languages, for the
// language switcher.
type LanguageLink struct {
	Code, Name, Dir string
	Href            string // relative to the page
	Current         bool
}

// LanguageLinks are this page in every language of the site, for the
// language switcher; none when the site has one.
func (p *Page) LanguageLinks() []LanguageLink {
	if !p.s.multilingual() {
		return nil
	}
	alts := translate.Alternates(p.s.opts.Languages, p.s.lang.Code, p.Path)
	out := make([]LanguageLink, len(alts))
	here := p.s.lang.Prefix + p.Path
	for i, a := range alts {
		out[i] = LanguageLink{Code: a.Code, Name: a.Name, Dir: a.Dir, Current: a.Current, Href: relative(here, a.Path)}
		if p.Kind == "404" { // served at any path: to the language's home page
			out[i].Href = p.s.rootURL.Path + a.Prefix
		}
	}
	return out
}

// Alternate is the absolute URL of this page in one language, for a
// <link rel="alternate" hreflang>.
type Alternate struct {
	Code, URL string
}

// Alternates are this page in every language, then x-default (the
// default language's); none when the site has one language.
func (p *Page) Alternates() []Alternate {
	if p.Kind == "404" {
		return nil // no page to find in another language
	}
	return p.s.alternates(p.Path)
}

func (s *Site) alternates(path string) []Alternate {
	if !s.multilingual() {
		return nil
	}
	root := s.rootURL.String()
	out := make([]Alternate, 0, len(s.opts.Languages)+1)
	for _, l := range s.opts.Languages {
		out = append(out, Alternate{l.Code, root + l.Prefix + path})
	}
	return append(out, Alternate{"x-default", root + path})
}

// Notice says, on the page of an entry that is not translated into the
// page's language, what the reader sees instead and where to help.
type Notice struct {
	Text template.HTML // the sentence, its language names marked with their lang
	Link string        // the translations page, at the language's section
}

// TranslationNotice is the page's notice of a missing translation, or nil.
func (p *Page) TranslationNotice() *Notice {
	e := p.Entry
	if e == nil || !e.untranslated {
		return nil
	}
	own := ownLanguage(e.e, p.s.defaultLang())
	// The theme's sentence is text: escaped, then the names put in.
	text := template.HTMLEscapeString(p.s.theme.Strings.T("translation_missing"))
	text = strings.Replace(text, "{0}", langSpan(p.s.lang.Code, p.s.lang.Name), 1)
	text = strings.Replace(text, "{1}", langSpan(own, translate.Autonym(own)), 1)
	return &Notice{Text: template.HTML(text), Link: "translations/#" + url.PathEscape(p.s.lang.Code)}
}

// langSpan is a language's name marked with its language, escaped.
func langSpan(code, name string) string {
	return `<span lang="` + template.HTMLEscapeString(code) + `">` + template.HTMLEscapeString(name) + `</span>`
}

// StringsWarning says, when the theme has no UI strings for the pages'
// language, that they are shown in English; else "".
func (s *Site) StringsWarning() string {
	if s.theme.Strings.Found {
		return ""
	}
	return "no UI strings for " + s.lang.Code + " in the theme (i18n/" + s.lang.Code + ".toml): its pages are shown with English ones"
}
