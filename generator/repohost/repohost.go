// Package repohost writes the addresses of a repository host's web
// pages for a file: edit it, see its history, or create a new one with
// a name and text already filled in. The three hosts a community uses
// (GitHub, GitLab, Gitea and its fork Forgejo) each spell them their own
// way; people who do not use the editor at /admin/ follow these links.
package repohost

import (
	"net/url"
	"strings"
)

// Repo is site.toml's [repo] (and [cms] backend, which names the host's
// kind when its name does not tell it).
type Repo struct {
	URL    string // https://github.com/OWNER/NAME
	Branch string // default main
	Kind   string // github, gitlab or gitea; "" to tell it from URL
}

// Host kinds.
const (
	GitHub = "github"
	GitLab = "gitlab"
	Gitea  = "gitea" // Forgejo (Codeberg) too
)

// KindOf is the repository host's kind: r.Kind when set, else told
// from the host's name (a name with gitlab or github in it), else Gitea,
// whose address forms Forgejo shares.
func (r Repo) KindOf() string {
	if r.Kind != "" {
		return r.Kind
	}
	host := strings.ToLower(hostOf(r.web()))
	switch {
	case strings.Contains(host, "gitlab"):
		return GitLab
	case strings.Contains(host, "github"):
		return GitHub
	}
	return Gitea
}

// web is the repository's web address without a trailing slash or .git.
func (r Repo) web() string {
	return strings.TrimSuffix(strings.TrimSuffix(r.URL, "/"), ".git")
}

func (r Repo) branch() string {
	if r.Branch == "" {
		return "main"
	}
	return r.Branch
}

// forms are each host's paths after the repository's address.
var forms = map[string]struct{ newFile, edit, history, commit string }{
	GitHub: {"/new/", "/edit/", "/commits/", "/commit/"},
	GitLab: {"/-/new/", "/-/edit/", "/-/commits/", "/-/commit/"},
	Gitea:  {"/_new/", "/_edit/", "/commits/branch/", "/commit/"},
}

// at is the repository's address followed by the host's path of kind
// (picked from forms), or "" without a repository.
func (r Repo) at(path func(kind string) string) string {
	if r.URL == "" {
		return ""
	}
	kind := r.KindOf()
	if _, ok := forms[kind]; !ok {
		kind = Gitea
	}
	return r.web() + path(kind)
}

// NewFile is the host's page that creates a file in folder (a path from
// the repository's root), with name and text filled in where the host
// takes them from the address:
//   - GitHub: /new/BRANCH/FOLDER?filename=NAME&value=TEXT (not in
//     GitHub's documentation, which declined to add it, github/docs#30967,
//     but the form GitHub's own tools and others link to);
//   - Gitea and Forgejo: /_new/BRANCH/FOLDER?filename=NAME&value=TEXT,
//     documented by Gitea ("Pre-Fill New File name and contents",
//     docs.gitea.com/development/integrations, since 1.15; Forgejo
//     forked later and keeps it);
//   - GitLab: /-/new/BRANCH/FOLDER, its "New file" page in the folder,
//     empty: GitLab documents no way to fill it (the file_name and
//     content parameters older versions read are gone, gitlab-org/gitlab
//     #532221; the proposal to accept GitHub's is #337038).
//
// "" without a repository.
func (r Repo) NewFile(folder, name string, text []byte) string {
	page := r.at(func(kind string) string { return forms[kind].newFile + r.branch() + "/" + strings.Trim(folder, "/") })
	if page == "" || r.KindOf() == GitLab {
		return page
	}
	return page + "?filename=" + queryEscape(name) + "&value=" + queryEscape(string(text))
}

// Edit is the host's page that edits file (a path from the
// repository's root); "" without a repository.
func (r Repo) Edit(file string) string {
	return r.at(func(kind string) string { return forms[kind].edit + r.branch() + "/" + file })
}

// History is the host's list of the commits that changed file; "" without
// a repository.
func (r Repo) History(file string) string {
	return r.at(func(kind string) string { return forms[kind].history + r.branch() + "/" + file })
}

// Commit is a commit's page; "" without a repository.
func (r Repo) Commit(hash string) string {
	return r.at(func(kind string) string { return forms[kind].commit + hash })
}

// queryEscape escapes s for a query value with %20 for a space: the
// hosts' editors show the value as it decodes, and a + left in by
// another decoder would appear in the file.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Host
	}
	return ""
}
