// Package config reads site.toml, checked against its own schema.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/validate"
)

// File is the site configuration's file name in the source root.
const File = "site.toml"

//go:embed site_schema.toml
var siteSchema []byte

// Fields are the fields site.toml accepts.
var Fields = func() []*schema.Field {
	t, diags := schema.Parse("site_schema.toml", siteSchema)
	if len(diags) > 0 {
		panic("site schema: " + diags[0].Message)
	}
	var out []*schema.Field
	for _, f := range t.Fields {
		if !f.Builtin {
			out = append(out, f)
		}
	}
	return out
}()

// Site is the checked content of site.toml.
type Site struct {
	Title       string
	Description string
	BaseURL     *url.URL
	Language    string
	// Languages are every language the site is published in, Language
	// first (the default, at the root); the others are under /LANG/.
	Languages   []string
	Theme       string
	MaxFileSize int64
	PageSize    int // entries per page of a list
	UnsafeHTML  bool
	RepoURL     string
	RepoBranch  string
	// Images is how the images of entry folders are published ([images]).
	Images media.Settings
	CMS    CMS
}

// CMS is site.toml's [cms]: the editor published at /admin/.
type CMS struct {
	Enabled bool
	Link    bool   // linked from every page's footer
	Backend string // github, gitlab or gitea; "" to tell it from [repo] url
}

// BasePath is the path part of base_url, always ending in "/".
func (s *Site) BasePath() string {
	p := s.BaseURL.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Load reads and checks site.toml. Problems come back as diagnostics, with
// a usable Site whenever the file could be decoded.
func Load(root *os.Root) (*Site, diag.List) {
	src, err := root.ReadFile(File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, diag.List{{File: File, Code: "missing-site", Message: "site.toml is missing",
			Hint: "create site.toml with at least title = \"…\" and base_url = \"https://…/\" (agora init writes one)"}}
	}
	if err != nil {
		return nil, diag.List{{File: File, Code: "read", Message: "cannot read site.toml: " + err.Error()}}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff")) // as the decoder does, so that positions agree
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, diag.List{schema.SyntaxError(File, src, 0, err)}
	}
	values, diags := validate.Fields(File, "site", Fields, raw)
	s := fromValues(values)
	if err := s.Images.Check(); err != nil {
		diags = append(diags, diag.Diagnostic{File: File, Key: "images.widths", AtValue: true, Pending: true, Code: "bad-value",
			Message: "images: " + err.Error(), Found: fmt.Sprint(s.Images.Widths), Allowed: "widths from 16 to 8192 pixels, such as [480, 960, 1600]"})
	}
	diags = append(diags, s.checkLanguages()...)
	diags = append(diags, s.checkCMS()...)
	return s, diags
}

// checkLanguages puts Language first among Languages, adding it when the
// list is left out; a list that leaves it out is an error.
func (s *Site) checkLanguages() diag.List {
	if len(s.Languages) == 0 {
		s.Languages = []string{s.Language}
		return nil
	}
	i := slices.Index(s.Languages, s.Language)
	if i < 0 {
		return diag.List{{File: File, Code: "missing-language", Key: "languages", AtValue: true, Pending: true,
			Message: "languages must hold the site's language " + strconv.Quote(s.Language),
			Found:   strings.Join(s.Languages, ", "), Allowed: "a list holding " + strconv.Quote(s.Language),
			Hint: "add " + strconv.Quote(s.Language) + " to languages, or make language one of them"}}
	}
	var diags diag.List
	seen := map[string]bool{}
	for _, l := range s.Languages {
		if seen[l] {
			diags = append(diags, diag.Diagnostic{File: File, Code: "duplicate-language", Key: "languages", AtValue: true, Pending: true,
				Message: "languages names " + strconv.Quote(l) + " twice", Found: strings.Join(s.Languages, ", "), Allowed: "each language once",
				Hint: "remove the second " + strconv.Quote(l)})
		}
		seen[l] = true
	}
	s.Languages = slices.Compact(append([]string{s.Language}, slices.DeleteFunc(slices.Clone(s.Languages), func(l string) bool { return l == s.Language })...))
	return diags
}

// checkCMS: the editor saves to the repository, so it needs one.
func (s *Site) checkCMS() diag.List {
	if !s.CMS.Enabled || s.RepoURL != "" {
		return nil
	}
	return diag.List{{File: File, Code: "cms-without-repo", Key: "cms.enabled", AtValue: true, Pending: true,
		Message: "[cms] enabled needs the repository the editor saves to", Found: "no [repo] url", Allowed: "a [repo] table with url",
		Hint: "add [repo] with url = \"https://github.com/OWNER/NAME\" (and branch), or set enabled = false"}}
}

func fromValues(v map[string]any) *Site {
	s := &Site{}
	s.Title, _ = v["title"].(string)
	s.Description, _ = v["description"].(string)
	s.Language, _ = v["language"].(string)
	s.Theme, _ = v["theme"].(string)
	for _, l := range schema.Items(v["languages"]) {
		if tag, ok := l.(string); ok {
			s.Languages = append(s.Languages, tag)
		}
	}
	s.UnsafeHTML, _ = v["unsafe_html"].(bool)
	if n, ok := v["page_size"].(int64); ok {
		s.PageSize = int(n)
	}
	if mb, ok := v["max_file_mb"].(int64); ok {
		s.MaxFileSize = mb << 20
	}
	base, _ := v["base_url"].(string)
	s.BaseURL, _ = url.Parse(base)
	if s.BaseURL == nil {
		s.BaseURL = &url.URL{Path: "/"}
	}
	if repo, ok := v["repo"].(map[string]any); ok {
		s.RepoURL, _ = repo["url"].(string)
		s.RepoBranch, _ = repo["branch"].(string)
	}
	s.Images = media.DefaultSettings()
	if images, ok := v["images"].(map[string]any); ok {
		if widths, ok := images["widths"].([]any); ok {
			s.Images.Widths = s.Images.Widths[:0]
			for _, w := range widths {
				if n, ok := w.(int64); ok {
					s.Images.Widths = append(s.Images.Widths, int(n))
				}
			}
		}
		if q, ok := images["quality"].(int64); ok {
			s.Images.Quality = int(q)
		}
	}
	if cms, ok := v["cms"].(map[string]any); ok {
		s.CMS.Enabled, _ = cms["enabled"].(bool)
		s.CMS.Link, _ = cms["link"].(bool)
		s.CMS.Backend, _ = cms["backend"].(string)
	}
	return s
}
