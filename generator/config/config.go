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
	Theme       string
	MaxFileSize int64
	PageSize    int // entries per page of a list
	UnsafeHTML  bool
	RepoURL     string
	RepoBranch  string
	// Images is how the images of entry folders are published ([images]).
	Images media.Settings
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
	return s, diags
}

func fromValues(v map[string]any) *Site {
	s := &Site{}
	s.Title, _ = v["title"].(string)
	s.Description, _ = v["description"].(string)
	s.Language, _ = v["language"].(string)
	s.Theme, _ = v["theme"].(string)
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
	return s
}
