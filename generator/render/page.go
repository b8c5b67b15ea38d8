package render

import (
	"bytes"
	"slices"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/paginate"
	"github.com/agora-community/agora/generator/schema"
)

// Page is what a template renders: one output page.
type Page struct {
	Kind  string // home, index, entry, actions, search, 404
	Title string
	Path  string // from the site root, "" for home, "members/ana/"
	Entry *Entry
	Type  *schema.Type
	Data  *Facet // the facet of a facet page
	// Pager is the page's place in its list, for the pages of a list.
	Pager paginate.Page
	list  *orderedList // the list whose page this is
	root  string       // prefix that leads back to the site root
	s     *Site
}

func (s *Site) newPage(kind, title, p string) *Page {
	pg := &Page{Kind: kind, Title: title, Path: p, s: s, root: strings.Repeat("../", strings.Count(p, "/"))}
	if kind == "404" {
		pg.root = s.base.Path // served from any depth: root-relative links
	}
	return pg
}

// Config is site.toml.
func (p *Page) Config() *config.Site { return p.s.in.Config }

// Lang is the site's language.
func (p *Page) Lang() string { return p.s.theme.Strings.Lang }

// Today is the build's date, for overdue marks.
func (p *Page) Today() time.Time { return p.s.opts.Today }

// Href links to a site path ("members/ana/"), an entry, or an absolute URL,
// relative to this page so the site works from any folder and from file://.
func (p *Page) Href(target any) string {
	var path string
	switch t := target.(type) {
	case *Entry:
		path = t.Path()
	case string:
		if strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") || strings.HasPrefix(t, "mailto:") {
			return t
		}
		path = t
	default:
		return "#"
	}
	if p.Kind == "404" {
		return rootRelative(p.root, path)
	}
	return relative(p.Path, path)
}

// relative is the shortest relative URL from the page at from
// ("members/ana/") to the site path to ("members/bob/" -> "../bob/").
func relative(from, to string) string {
	up, rest := relativeParts(from, to)
	if up == 0 && rest == "" {
		return "./"
	}
	return strings.Repeat("../", up) + rest
}

// relativeParts is relative(from, to) as how many folders it climbs and
// what follows the "../"s, so that links can be written without making
// the string.
func relativeParts(from, to string) (up int, rest string) {
	fromDir := from[:strings.LastIndexByte(from, '/')+1]
	common := 0
	for i := 0; i < len(fromDir) && i < len(to) && fromDir[i] == to[i]; i++ {
		if fromDir[i] == '/' {
			common = i + 1
		}
	}
	return strings.Count(fromDir[common:], "/"), to[common:]
}

// writeHref writes Href(path) of a site path as html/template writes it
// in a quoted href. A link that climbs starts with "../", which no scheme
// can precede, so only the rest needs escaping.
func (p *Page) writeHref(w *bytes.Buffer, path string) {
	if p.Kind == "404" {
		writeURLAttr(w, rootRelative(p.root, path))
		return
	}
	up, rest := relativeParts(p.Path, path)
	if up == 0 {
		if rest == "" {
			rest = "./"
		}
		writeURLAttr(w, rest)
		return
	}
	for range up {
		w.WriteString("../")
	}
	writeURLNormalized(w, rest)
}

// writeHrefAttr writes Href(target) as html/template writes it in a
// quoted href (urlfilter, urlnormalizer, attrescaper), for compiled
// templates (see Writers).
func (p *Page) writeHrefAttr(w *bytes.Buffer, target any) {
	switch t := target.(type) {
	case *Entry:
		p.writeHref(w, t.Path())
	case string:
		if strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") || strings.HasPrefix(t, "mailto:") {
			writeURLAttr(w, t)
			return
		}
		p.writeHref(w, t)
	default:
		w.WriteString("#")
	}
}

// Asset links to a theme file by its hashed name.
func (p *Page) Asset(name string) string { return p.Href(p.s.assets[name]) }

// writeAssetAttr writes Asset(name) as writeHrefAttr writes Href.
func (p *Page) writeAssetAttr(w *bytes.Buffer, name string) { p.writeHrefAttr(w, p.s.assets[name]) }

// Canonical is the page's absolute URL.
func (p *Page) Canonical() string { return p.s.baseURL + p.Path }

// Abs makes a site path absolute.
func (p *Page) Abs(path string) string { return p.s.baseURL + path }

// Current reports whether a nav item is this page or one of its parents.
func (p *Page) Current(path string) bool {
	if path == "" {
		return p.Path == ""
	}
	return strings.HasPrefix(p.Path, path)
}

// NavItem is one link of the main navigation.
type NavItem struct {
	Label, Path string
}

// navOrder puts the default types in the order readers look for them;
// community-added types follow, then the free pages are left to the footer.
var navOrder = []string{"members", "minutes", "actions", "exchanges", "impact", "curriculum", "topics", "governance", "charters", "assessments"}

// Nav lists the main sections.
func (p *Page) Nav() []NavItem { return p.s.nav() }

func (s *Site) nav() []NavItem {
	s.navOnce.Do(func() { s.navItems = s.makeNav() })
	return s.navItems
}

func (s *Site) makeNav() []NavItem {
	p := &Page{s: s}
	folders := slices.Clone(navOrder)
	for _, t := range p.s.in.Schema.Types {
		if !slices.Contains(folders, t.Folder) && strings.Count(t.Path, "/") > 2 {
			folders = append(folders, t.Folder)
		}
	}
	var out []NavItem
	for _, f := range folders {
		if f == "actions" {
			if p.s.in.Schema.Type("minutes") != nil {
				out = append(out, NavItem{p.s.theme.Strings.T("nav_actions"), "actions/"})
			}
			continue
		}
		if f == "impact" {
			out = append(out, NavItem{p.s.theme.Strings.T("nav_impact"), "impact/"})
			continue
		}
		if t := p.s.in.Schema.ByFolder(f); t != nil {
			out = append(out, NavItem{p.s.typeLabel(t), f + "/"})
		}
	}
	return out
}

func (s *Site) typeLabel(t *schema.Type) string {
	if label, ok := s.typeLabels[t]; ok {
		return label
	}
	return s.makeTypeLabel(t)
}

func (s *Site) makeTypeLabel(t *schema.Type) string {
	if t.OwnLabel {
		return t.Label
	}
	if label := s.theme.Strings.T("nav_" + t.Folder); label != "nav_"+t.Folder {
		return label
	}
	return t.Label
}

// TypeLabel is a type's list heading in the site's language.
func (p *Page) TypeLabel(t *schema.Type) string { return p.s.typeLabel(t) }

// Pages lists the free pages, for the footer.
func (p *Page) Pages() []*Entry { return p.s.Entries("page") }

// Entries returns the published entries of a type in its sort order.
func (p *Page) Entries(typeName string) []*Entry { return p.s.Entries(typeName) }

// Lookup finds a published entry by type and slug.
func (p *Page) Lookup(typeName, slug string) *Entry { return p.s.lookup(typeName, slug) }

// EditURL links to the entry's source in the repository, when site.toml has [repo].
func (p *Page) EditURL() string { return p.s.repoLink(p.Entry, "edit") }

// HistoryURL links to the entry's history in the repository.
func (p *Page) HistoryURL() string { return p.s.repoLink(p.Entry, "history") }

// repoLink builds GitHub, GitLab and Gitea/Forgejo URL forms.
func (s *Site) repoLink(e *Entry, kind string) string {
	if e == nil {
		return ""
	}
	return s.repoFileLink(e.File(), kind)
}

// repoFileLink links to a file of the repository (see repoLink).
func (s *Site) repoFileLink(file, kind string) string {
	repo := strings.TrimSuffix(s.in.Config.RepoURL, "/")
	if repo == "" {
		return ""
	}
	repo = strings.TrimSuffix(repo, ".git")
	branch := s.in.Config.RepoBranch
	if branch == "" {
		branch = "main"
	}
	switch host := hostOf(repo); {
	case strings.Contains(host, "gitlab"):
		if kind == "edit" {
			return repo + "/-/edit/" + branch + "/" + file
		}
		return repo + "/-/commits/" + branch + "/" + file
	case strings.Contains(host, "github"):
		if kind == "edit" {
			return repo + "/edit/" + branch + "/" + file
		}
		return repo + "/commits/" + branch + "/" + file
	default: // Gitea and Forgejo
		if kind == "edit" {
			return repo + "/_edit/" + branch + "/" + file
		}
		return repo + "/commits/branch/" + branch + "/" + file
	}
}

func hostOf(u string) string {
	rest := u[strings.Index(u, "://")+3:]
	host, _, _ := strings.Cut(rest, "/")
	return host
}
