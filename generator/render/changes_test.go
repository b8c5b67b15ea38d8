package render

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/gitinfo"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// testSite is a site of one member, content/members/ana.md, with the
// given [repo] url and branch, language and history.
func testSite(t *testing.T, repoURL, branch, lang string, fields map[string]any, in Input) (*Site, *Page) {
	t.Helper()
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if fields == nil {
		fields = map[string]any{}
	}
	fields["name"], fields["kind"] = "Ana", "individual"
	e := &load.Entry{Type: sch.Type("member"), Slug: "ana", File: "content/members/ana.md", Fields: fields, BodyStart: -1}
	content := &load.Content{Entries: []*load.Entry{e}}
	graph, diags := link.Build(content, sch, link.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	base, _ := url.Parse("https://example.org/network/")
	in.Config = &config.Site{Title: "Test", BaseURL: base, Language: lang, RepoURL: repoURL, RepoBranch: branch}
	in.Schema, in.Content, in.Graph = sch, content, graph
	theme, err := LoadTheme(agora.DefaultTheme, nil, lang)
	if err != nil {
		t.Fatal(err)
	}
	s := New(in, theme, Options{})
	v := s.view(e)
	pg := s.newPage("entry", v.Title(), v.Path())
	pg.Entry, pg.Type = v, e.Type
	return s, pg
}

// TestRepoLinks checks the "edit this page" and "view history" URLs of
// the three forge families, from [repo] url and branch in site.toml.
func TestRepoLinks(t *testing.T) {
	for _, tt := range []struct {
		name, repo, branch    string
		edit, history, commit string
	}{
		{"GitHub", "https://github.com/example-network/knowledge-base", "main",
			"https://github.com/example-network/knowledge-base/edit/main/content/members/ana.md",
			"https://github.com/example-network/knowledge-base/commits/main/content/members/ana.md",
			"https://github.com/example-network/knowledge-base/commit/0123456789abcdef"},
		{"GitHub with .git and slash, default branch", "https://github.com/example-network/knowledge-base.git/", "",
			"https://github.com/example-network/knowledge-base/edit/main/content/members/ana.md",
			"https://github.com/example-network/knowledge-base/commits/main/content/members/ana.md",
			"https://github.com/example-network/knowledge-base/commit/0123456789abcdef"},
		{"GitLab", "https://gitlab.com/red-sonora/conocimiento", "trunk",
			"https://gitlab.com/red-sonora/conocimiento/-/edit/trunk/content/members/ana.md",
			"https://gitlab.com/red-sonora/conocimiento/-/commits/trunk/content/members/ana.md",
			"https://gitlab.com/red-sonora/conocimiento/-/commit/0123456789abcdef"},
		{"self-hosted GitLab in a group", "https://gitlab.example.org/networks/steppe/kb", "main",
			"https://gitlab.example.org/networks/steppe/kb/-/edit/main/content/members/ana.md",
			"https://gitlab.example.org/networks/steppe/kb/-/commits/main/content/members/ana.md",
			"https://gitlab.example.org/networks/steppe/kb/-/commit/0123456789abcdef"},
		{"Forgejo (Codeberg)", "https://codeberg.org/mekong-circle/kb", "main",
			"https://codeberg.org/mekong-circle/kb/_edit/main/content/members/ana.md",
			"https://codeberg.org/mekong-circle/kb/commits/branch/main/content/members/ana.md",
			"https://codeberg.org/mekong-circle/kb/commit/0123456789abcdef"},
		{"Gitea", "https://gitea.example.org/network/kb", "pages",
			"https://gitea.example.org/network/kb/_edit/pages/content/members/ana.md",
			"https://gitea.example.org/network/kb/commits/branch/pages/content/members/ana.md",
			"https://gitea.example.org/network/kb/commit/0123456789abcdef"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Changes: map[string]gitinfo.Change{"content/members/ana.md": {
				Hash: "0123456789abcdef", Author: "Ana", Date: time.Date(2025, 3, 3, 10, 0, 0, 0, time.UTC)}}}
			_, pg := testSite(t, tt.repo, tt.branch, "en", nil, in)
			if got := pg.EditURL(); got != tt.edit {
				t.Errorf("EditURL() = %q, want %q", got, tt.edit)
			}
			if got := pg.HistoryURL(); got != tt.history {
				t.Errorf("HistoryURL() = %q, want %q", got, tt.history)
			}
			if got := pg.CommitURL(); got != tt.commit {
				t.Errorf("CommitURL() = %q, want %q", got, tt.commit)
			}
		})
	}
	t.Run("no repo", func(t *testing.T) {
		_, pg := testSite(t, "", "", "en", nil, Input{})
		if pg.EditURL() != "" || pg.HistoryURL() != "" || pg.CommitURL() != "" {
			t.Errorf("links without [repo]: %q %q %q", pg.EditURL(), pg.HistoryURL(), pg.CommitURL())
		}
	})
}

// TestLastChange checks the sources of "last changed", in order: the last
// commit, then the updated field, then the file's time; and its sentence
// in the site's language.
func TestLastChange(t *testing.T) {
	commit := gitinfo.Change{Hash: "89abcdef01234567", Subject: `Fix Ana's "kind"`, Author: "Dorj <Bat>",
		Date: time.Date(2025, 3, 3, 10, 0, 0, 0, time.FixedZone("", 8*3600))}
	updated := map[string]any{"updated": time.Date(2024, 12, 24, 0, 0, 0, 0, time.UTC)}
	modTime := map[string]time.Time{"content/members/ana.md": time.Date(2023, 7, 9, 8, 30, 0, 0, time.UTC)}
	for _, tt := range []struct {
		name   string
		lang   string
		fields map[string]any
		in     Input
		source string
		line   string
	}{
		{"git first", "en", updated, Input{Changes: map[string]gitinfo.Change{"content/members/ana.md": commit}, ModTimes: modTime}, "git",
			`Last changed on <time datetime="2025-03-03T10:00:00+08:00" title="89abcde Fix Ana&#39;s &#34;kind&#34;">3 March 2025</time> by Dorj &lt;Bat&gt;`},
		{"git in Spanish", "es", nil, Input{Changes: map[string]gitinfo.Change{"content/members/ana.md": commit}}, "git",
			`Último cambio el <time datetime="2025-03-03T10:00:00+08:00" title="89abcde Fix Ana&#39;s &#34;kind&#34;">3 de marzo de 2025</time> por Dorj &lt;Bat&gt;`},
		{"updated when Git does not know the file", "fr", updated,
			Input{Changes: map[string]gitinfo.Change{"content/members/other.md": commit}, ModTimes: modTime}, "updated",
			`Dernière modification le <time datetime="2024-12-24">24 décembre 2024</time>`},
		{"file time last", "en", nil, Input{ModTimes: modTime}, "file",
			`Last changed on <time datetime="2023-07-09T08:30:00Z">9 July 2023</time>`},
		{"nothing known", "en", nil, Input{}, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, pg := testSite(t, "https://github.com/a/b", "main", tt.lang, tt.fields, tt.in)
			c := pg.LastChange()
			if tt.source == "" {
				if c != nil {
					t.Fatalf("LastChange() = %+v, want nil", c)
				}
			} else if c == nil || c.Source != tt.source {
				t.Fatalf("LastChange() = %+v, want source %q", c, tt.source)
			}
			if got := string(pg.LastChangeLine()); got != tt.line {
				t.Errorf("LastChangeLine() =\n %s\nwant\n %s", got, tt.line)
			}
		})
	}
}

// TestLastChangeOnlyOnEntries: list pages have no entry and no line.
func TestLastChangeOnlyOnEntries(t *testing.T) {
	s, _ := testSite(t, "", "", "en", nil, Input{ModTimes: map[string]time.Time{"content/members/ana.md": time.Now()}})
	pg := s.newPage("index", "Members", "members/")
	if pg.LastChange() != nil || pg.LastChangeLine() != "" || strings.Contains(string(pg.LastChangeLine()), "time") {
		t.Error("a list page has a last change")
	}
}

// FuzzFillPlaceholders holds fillPlaceholders to the strings.Replacer it
// replaces, on the shipped sentences and any other.
func FuzzFillPlaceholders(f *testing.F) {
	for _, seed := range []string{"", "Last changed {0} by {1}", "{1} a changé la page le {0}", "{{0}}", "{0{1}}", "{", "{0", "x{", "{1}{0}{2}", "{{1}"} {
		f.Add(seed, "<time>{1}</time>", "Ana {0}")
	}
	f.Fuzz(func(t *testing.T, line, date, author string) {
		want := strings.NewReplacer("{0}", date, "{1}", author).Replace(line)
		if got := fillPlaceholders(line, date, author); got != want {
			t.Fatalf("fillPlaceholders(%q, %q, %q) = %q, want %q", line, date, author, got, want)
		}
	})
}
