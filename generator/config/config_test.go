package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/media"
)

// open writes site.toml (unless src is "-") into a new folder and opens it.
func open(t *testing.T, src string) *os.Root {
	t.Helper()
	dir := t.TempDir()
	if src != "-" {
		if err := os.WriteFile(filepath.Join(dir, config.File), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func format(root *os.Root, l diag.List) string {
	load.Locate(root, l)
	l.Sort()
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Code, d.Message)
		if d.Hint != "" {
			fmt.Fprintf(&b, " (fix: %s)", d.Hint)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLoadFull(t *testing.T) {
	root := open(t, `title = "Red de aprendizaje"
description = "A network."
base_url = "https://example.org/network"
language = "es-MX"
languages = ["en", "es-MX", "km"]
theme = "quiet_2"
page_size = 20
max_file_mb = 12

[repo]
url = "https://github.com/example/kb"
branch = "trunk"

[images]
widths = [320, 1200]
quality = 60
`)
	s, diags := config.Load(root)
	if len(diags) > 0 {
		t.Fatalf("unexpected problems:\n%s", format(root, diags))
	}
	images := media.DefaultSettings()
	images.Widths, images.Quality = []int{320, 1200}, 60
	want := config.Site{Title: "Red de aprendizaje", Description: "A network.", Language: "es-MX", Languages: []string{"es-MX", "en", "km"}, Theme: "quiet_2",
		PageSize: 20, MaxFileSize: 12 << 20, RepoURL: "https://github.com/example/kb", RepoBranch: "trunk", Images: images}
	got := *s
	got.BaseURL = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("site = %+v\nwant %+v", got, want)
	}
	if s.BaseURL.String() != "https://example.org/network" || s.BasePath() != "/network/" {
		t.Errorf("base url %s, path %s", s.BaseURL, s.BasePath())
	}
}

func TestLoadDefaults(t *testing.T) {
	root := open(t, "title = \"T\"\nbase_url = \"https://example.org\"\n[repo]\nurl = \"https://github.com/x/y\"\n")
	s, diags := config.Load(root)
	if len(diags) > 0 {
		t.Fatalf("unexpected problems:\n%s", format(root, diags))
	}
	if s.Language != "en" || s.Theme != "default" || s.MaxFileSize != 10<<20 || s.PageSize != 50 || !slices.Equal(s.Languages, []string{"en"}) || s.RepoBranch != "main" || s.Description != "" {
		t.Errorf("defaults: %+v", s)
	}
	if !reflect.DeepEqual(s.Images, media.DefaultSettings()) {
		t.Errorf("default images: %+v, want media's defaults %+v", s.Images, media.DefaultSettings())
	}
	if s.BasePath() != "/" {
		t.Errorf("BasePath() = %q", s.BasePath())
	}
	if s.MaxFileSize != load.DefaultMaxFileSize {
		t.Errorf("the default max_file_mb (%d) is not load's default (%d)", s.MaxFileSize, load.DefaultMaxFileSize)
	}
}

func TestBasePath(t *testing.T) {
	for base, want := range map[string]string{
		"https://example.org":              "/",
		"https://example.org/":             "/",
		"https://example.org/network":      "/network/",
		"https://example.org/a/b/":         "/a/b/",
		"https://user.github.io/kb/?x=1#y": "/kb/",
	} {
		root := open(t, fmt.Sprintf("title = \"T\"\nbase_url = %q\n", base))
		s, diags := config.Load(root)
		if len(diags) > 0 {
			t.Errorf("%s: %v", base, diags)
			continue
		}
		if got := s.BasePath(); got != want {
			t.Errorf("BasePath(%s) = %q, want %q", base, got, want)
		}
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
		site      bool // a Site comes back
	}{
		{
			name: "missing file",
			src:  "-",
			want: `site.toml:0:0: missing-site: site.toml is missing (fix: create site.toml with at least title = "…" and base_url = "https://…/" (agora init writes one))
`,
		},
		{
			name: "malformed TOML",
			src:  "title = \"T\"\nbase_url = https://example.org/\n",
			want: `site.toml:2:12: toml-syntax: malformed TOML: expected value but found "https" instead (fix: see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line)
`,
		},
		{
			name: "empty file",
			src:  "",
			want: `site.toml:1:1: missing-required: missing required field "base_url" in a site (fix: add base_url = … (Where the site is published, with its path: https://example.org/network/))
site.toml:1:1: missing-required: missing required field "title" in a site (fix: add title = … (Name of the network or community, shown on every page))
`,
			site: true,
		},
		{
			name: "every kind of mistake",
			src: `titel = "T"
base_url = "example.org/network/"
language = "English"
theme = "../other"
max_file_mb = 500
description = 3

[repo]
url = "git@github.com:x/y.git"
brnach = "dev"
`,
			want: `site.toml:1:1: missing-required: missing required field "title" in a site (fix: add title = … (Name of the network or community, shown on every page))
site.toml:1:1: unknown-key: unknown field "titel" in a site (fix: did you mean "title"?)
site.toml:2:12: bad-url: base_url: not a web address (fix: add the scheme: "https://example.org/network/")
site.toml:3:12: bad-pattern: language: does not match the required form (fix: Language of the site's interface, as a BCP 47 tag: en, es, fr, mn, km.)
site.toml:4:9: bad-pattern: theme: does not match the required form (fix: The theme folder under themes/ to use; files it lacks come from the default theme.)
site.toml:5:15: out-of-range: max_file_mb: the value is above the maximum 100
site.toml:6:15: wrong-type: description: expected text in quotes, found a whole number (fix: put the value in quotes: "3")
site.toml:9:7: bad-url: url: not a web address
site.toml:10:1: unknown-key: unknown field "brnach" in [repo] (fix: did you mean "branch"?)
`,
			site: true,
		},
		{
			name: "image widths no image can have",
			src:  "title = \"T\"\nbase_url = \"https://x.org/\"\n[images]\nwidths = [480, 9000]\nquality = 0\n",
			want: `site.toml:4:10: bad-value: images: image width 9000: widths go from 16 to 8192 pixels
site.toml:5:11: out-of-range: quality: the value is below the minimum 1
`,
			site: true,
		},
		{
			name: "a byte order mark and CRLF line endings",
			src:  "\ufefftitle = \"T\"\r\nbase_url = \"https://x.org/\"\r\nlanguage = \"EN\"\r\n",
			want: `site.toml:3:12: bad-pattern: language: does not match the required form (fix: Language of the site's interface, as a BCP 47 tag: en, es, fr, mn, km.)
`,
			site: true,
		},
		{
			name: "a syntax error after a byte order mark",
			src:  "\ufefftitle = \"T\"\r\nbase_url = [\r\n",
			want: `site.toml:2:13: toml-syntax: malformed TOML: unexpected EOF; expected value (fix: see https://toml.io for the syntax; strings need quotes, lists use [ ], one key per line)
`,
		},
		{
			name: "repo without its url, repo not a table",
			src:  "title = \"T\"\nbase_url = \"https://x.org/\"\nrepo = \"https://github.com/x/y\"\n",
			want: `site.toml:3:8: wrong-type: repo: expected a table ([repo]), found text
`,
			site: true,
		},
		{
			name: "a repo table without url",
			src:  "title = \"T\"\nbase_url = \"https://x.org/\"\n\n  [repo]\n  branch = \"main\"\n",
			want: `site.toml:4:3: missing-required: missing required field "url" in [repo] (fix: add url = … (Web address of the repository: https://github.com/OWNER/NAME))
`,
			site: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := open(t, tt.src)
			s, diags := config.Load(root)
			if got := format(root, diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			if (s != nil) != tt.site {
				t.Errorf("site = %+v", s)
			}
			if s != nil && s.BaseURL == nil {
				t.Error("a Site without BaseURL")
			}
		})
	}
}

func TestFields(t *testing.T) {
	var names []string
	for _, f := range config.Fields {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "title description base_url language languages theme page_size max_file_mb images unsafe_html repo cms" {
		t.Errorf("site.toml fields: %s", got)
	}
}

func TestLanguagesTwice(t *testing.T) {
	root := open(t, "title = \"T\"\nbase_url = \"https://example.org\"\nlanguage = \"mn\"\nlanguages = [\"mn\", \"en\", \"en\"]\n")
	s, diags := config.Load(root)
	if len(diags) != 1 || diags[0].Code != "duplicate-language" || !strings.Contains(diags[0].Message, `"en" twice`) {
		t.Errorf("diagnostics: %+v", diags)
	}
	if !slices.Equal(s.Languages, []string{"mn", "en"}) {
		t.Errorf("languages %v", s.Languages)
	}
}

func TestCMS(t *testing.T) {
	const site = "title = \"T\"\nbase_url = \"https://example.org\"\n"
	s, diags := config.Load(open(t, site+"[repo]\nurl = \"https://codeberg.org/net/kb\"\n[cms]\nenabled = true\nlink = true\nbackend = \"gitea\"\n"))
	if len(diags) != 0 || s.CMS != (config.CMS{Enabled: true, Link: true, Backend: "gitea"}) {
		t.Errorf("cms = %+v, diagnostics %+v", s.CMS, diags)
	}
	s, diags = config.Load(open(t, site))
	if len(diags) != 0 || s.CMS != (config.CMS{}) {
		t.Errorf("default cms = %+v, diagnostics %+v", s.CMS, diags)
	}
	_, diags = config.Load(open(t, site+"[cms]\nenabled = true\n"))
	if len(diags) != 1 || diags[0].Code != "cms-without-repo" || !strings.Contains(diags[0].Hint, "[repo]") {
		t.Errorf("enabled without [repo]: %+v", diags)
	}
	_, diags = config.Load(open(t, site+"[repo]\nurl = \"https://git.example.org/a/b\"\n[cms]\nenabled = true\nbackend = \"forgejo\"\n"))
	if len(diags) != 1 || !strings.Contains(diags[0].Message+diags[0].Allowed, "gitea") {
		t.Errorf("an unknown backend: %+v", diags)
	}
}
