package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/gitinfo/gittest"
)

var (
	authorAna = gittest.Author{Name: "Ana Ferrer", Email: "ana@example.org", Date: "2025-03-03T10:00:00+01:00"}
	authorBat = gittest.Author{Name: "Batsetseg Dorj", Email: "bat@example.org", Date: "2025-06-12T18:30:00+08:00"}
)

const historySite = `title = "History test"
base_url = "https://example.org/kb/"
language = "LANG"

[repo]
url = "REPO"
branch = "main"
`

// historyRepo is a community repository with commits by two authors:
// Ana writes two members and a topic, then Bat changes one member.
func historyRepo(t *testing.T, lang, repo string) *gittest.Repo {
	r := gittest.New(t)
	r.Commit(authorAna, "Add Ana, Bat and water", map[string]string{
		"site.toml":                   strings.NewReplacer("LANG", lang, "REPO", repo).Replace(historySite),
		"content/members/ana.md":      "+++\nname = \"Ana\"\nkind = \"individual\"\noffers = [\"water\"]\n+++\nAna's page.\n",
		"content/members/bat.md":      "+++\nname = \"Bat\"\nkind = \"individual\"\n+++\n",
		"content/topics/water.toml":   "name = \"Water\"\n",
		"content/pages/about.md":      "+++\ntitle = \"About\"\nupdated = 2024-12-24\n+++\nAbout us.\n",
		"content/members/old-name.md": "+++\nname = \"Old\"\nkind = \"individual\"\n+++\n",
	})
	r.Commit(authorBat, "Bat: add my needs", map[string]string{
		"content/members/bat.md": "+++\nname = \"Bat\"\nkind = \"individual\"\nneeds = [\"water\"]\n+++\n",
	})
	// A file that is not committed yet falls back to its file time.
	r.Write(map[string]string{"content/members/new.md": "+++\nname = \"New\"\nkind = \"individual\"\n+++\n"})
	mtime := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(r.Dir, "content/members/new.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return r
}

func buildHistory(t *testing.T, dir string, history bool) (string, BuildResult) {
	t.Helper()
	p, err := Open(context.Background(), Options{Source: dir, Today: today, History: history})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		t.Fatalf("content errors: %v", p.Diags)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := p.Build(context.Background(), BuildOptions{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// TestHistoryOnPages builds a Git repository with commits by two authors
// and checks each page's last change (date and name), and its edit and
// history links, on GitHub, GitLab and Forgejo, in two languages.
func TestHistoryOnPages(t *testing.T) {
	for _, tt := range []struct {
		lang, repo string
		pages      map[string][]string // page → what it must hold
	}{
		{"en", "https://github.com/example-network/kb", map[string][]string{
			"members/ana/index.html": {
				`Last changed on <time datetime="2025-03-03T10:00:00+01:00" title="`,
				`">3 March 2025</time> by Ana Ferrer</span>`,
				`<a href="https://github.com/example-network/kb/edit/main/content/members/ana.md" rel="nofollow">Edit this page</a>`,
				`<a href="https://github.com/example-network/kb/commits/main/content/members/ana.md" rel="nofollow">View history</a>`,
			},
			"members/bat/index.html": {
				` Bat: add my needs">12 June 2025</time> by Batsetseg Dorj</span>`,
				`https://github.com/example-network/kb/edit/main/content/members/bat.md`,
				`https://github.com/example-network/kb/commits/main/content/members/bat.md`,
			},
			"topics/water/index.html": {`>3 March 2025</time> by Ana Ferrer</span>`},
			// Git comes before the updated field.
			"about/index.html": {`>3 March 2025</time> by Ana Ferrer</span>`},
			// Not committed: the file's time, and no name.
			"members/new/index.html": {`Last changed on <time datetime="2025-10-01T09:00:00Z">1 October 2025</time></span>`},
		}},
		{"es", "https://gitlab.com/red/kb", map[string][]string{
			"members/bat/index.html": {
				`Último cambio el <time datetime="2025-06-12T18:30:00+08:00"`,
				`>12 de junio de 2025</time> por Batsetseg Dorj</span>`,
				`<a href="https://gitlab.com/red/kb/-/edit/main/content/members/bat.md" rel="nofollow">Editar esta página</a>`,
				`<a href="https://gitlab.com/red/kb/-/commits/main/content/members/bat.md" rel="nofollow">Ver historial de cambios</a>`,
			},
		}},
		{"fr", "https://codeberg.org/reseau/kb", map[string][]string{
			"members/ana/index.html": {
				`>3 mars 2025</time> par Ana Ferrer</span>`,
				`https://codeberg.org/reseau/kb/_edit/main/content/members/ana.md`,
				`https://codeberg.org/reseau/kb/commits/branch/main/content/members/ana.md`,
			},
		}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			r := historyRepo(t, tt.lang, tt.repo)
			out, res := buildHistory(t, r.Dir, true)
			if len(res.Warnings) > 0 {
				t.Errorf("warnings: %q", res.Warnings)
			}
			for page, wants := range tt.pages {
				html := read(t, filepath.Join(out, page))
				for _, w := range wants {
					if !strings.Contains(html, w) {
						t.Errorf("%s lacks %s\nits meta line: %s", page, w, metaLine(html))
					}
				}
			}
			// List pages have no last change.
			if html := read(t, filepath.Join(out, "members/index.html")); strings.Contains(html, "last-change") {
				t.Error("the member list has a last-change line")
			}
			// The sitemap dates each page as its meta line does: the
			// commit, else the file's time.
			sitemap := read(t, filepath.Join(out, "sitemap.xml"))
			for _, want := range []string{
				"members/bat/</loc>\n  <lastmod>2025-06-12</lastmod>",
				"members/new/</loc>\n  <lastmod>2025-10-01</lastmod>",
				"about/</loc>\n  <lastmod>2025-03-03</lastmod>",
			} {
				if !strings.Contains(sitemap, want) {
					t.Errorf("sitemap.xml lacks %q", want)
				}
			}
		})
	}
}

// TestHistoryOff: without Options.History the pages show only the updated
// field, so that the same content always builds the same pages.
func TestHistoryOff(t *testing.T) {
	r := historyRepo(t, "en", "https://github.com/example-network/kb")
	out, _ := buildHistory(t, r.Dir, false)
	if html := read(t, filepath.Join(out, "members/ana/index.html")); strings.Contains(html, "last-change") {
		t.Errorf("a last change without history: %s", metaLine(html))
	}
	html := read(t, filepath.Join(out, "about/index.html"))
	if !strings.Contains(html, `Last changed on <time datetime="2024-12-24">24 December 2024</time></span>`) {
		t.Errorf("about lacks its updated date: %s", metaLine(html))
	}
}

// TestHistoryWithoutGit: a source that is no work tree still builds, its
// pages dated by the updated field or the file's time.
func TestHistoryWithoutGit(t *testing.T) {
	r := historyRepo(t, "en", "https://github.com/example-network/kb")
	if err := os.RemoveAll(filepath.Join(r.Dir, ".git")); err != nil {
		t.Fatal(err)
	}
	out, res := buildHistory(t, r.Dir, true)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings: %q", res.Warnings)
	}
	if html := read(t, filepath.Join(out, "about/index.html")); !strings.Contains(html, `<time datetime="2024-12-24">24 December 2024</time></span>`) {
		t.Errorf("about: %s", metaLine(html))
	}
	if html := read(t, filepath.Join(out, "members/new/index.html")); !strings.Contains(html, `>1 October 2025</time></span>`) {
		t.Errorf("new: %s", metaLine(html))
	}
}

// TestHistoryShallow: a shallow clone builds, with one warning.
func TestHistoryShallow(t *testing.T) {
	r := historyRepo(t, "en", "https://github.com/example-network/kb")
	clone := filepath.Join(t.TempDir(), "clone")
	r.Git(authorAna, "clone", "--quiet", "--depth=1", "file://"+r.Dir, clone)
	_, res := buildHistory(t, clone, true)
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "shallow clone") {
		t.Errorf("warnings: %q", res.Warnings)
	}
}

func metaLine(html string) string {
	i := strings.Index(html, `<p class="meta">`)
	if i < 0 {
		return "(none)"
	}
	end := strings.Index(html[i:], "</p>")
	return html[i : i+end]
}
