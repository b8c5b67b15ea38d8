// Package cms publishes the editor at /admin/ when site.toml says
// [cms] enabled = true: a page that loads Sveltia CMS, pinned to one
// version with a Subresource Integrity hash and under its own
// Content-Security-Policy, and a config.yml generated from the schema in
// force, so that the editor's forms never drift from what agora check
// accepts.
//
// Sveltia CMS rather than Decap CMS (both measured on our output, see
// the README): it runs under a policy without 'unsafe-eval' (Decap's
// configuration check compiles code at run time and fails without it),
// writes translations as SLUG.LANG.md beside SLUG.md
// (omit_default_locale_from_file_path; Decap writes SLUG.en.md for the
// default language too), is one 2.1 MB script (Decap's is 5.2 MB) and
// publishes a JSON Schema of its configuration, against which the tests
// check what this package writes.
package cms

import (
	"fmt"
	"net/url"
	"strings"
)

// Version is the Sveltia CMS release /admin/ loads. tests/browser pins
// the same version in package.json (TestBrowserSuitePinsTheSameVersion),
// and its editor test checks that Integrity is the hash of that
// package's dist/sveltia-cms.js.
const Version = "0.221.1"

// ScriptURL is where the CMS's documentation loads it from, at this
// exact version.
const ScriptURL = "https://unpkg.com/@sveltia/cms@" + Version + "/dist/sveltia-cms.js"

// Integrity is the Subresource Integrity hash of ScriptURL's file: the
// browser refuses any other bytes.
const Integrity = "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6"

// Backend is where the editor reads and saves: the repository host's
// kind and the repository on it.
type Backend struct {
	Name   string // github, gitlab or gitea (Forgejo too)
	Repo   string // OWNER/NAME (GitLab: GROUP/SUBGROUP/NAME)
	Branch string
	// Origin is the host's web origin for a self-hosted GitLab, Gitea or
	// Forgejo ("https://git.example.org"); empty for github.com and
	// gitlab.com.
	Origin string
}

// BackendOf reads site.toml's [repo] url and branch, with [cms] backend
// naming the kind when the host's name does not tell it.
func BackendOf(repoURL, branch, kind string) (Backend, error) {
	u, err := url.Parse(strings.TrimSuffix(strings.TrimSuffix(repoURL, "/"), ".git"))
	if err != nil || u.Host == "" {
		return Backend{}, fmt.Errorf("site.toml: [repo] url %q is not a repository's web address (https://github.com/OWNER/NAME)", repoURL)
	}
	repo := strings.Trim(u.Path, "/")
	if strings.Count(repo, "/") < 1 {
		return Backend{}, fmt.Errorf("site.toml: [repo] url %q: expected https://%s/OWNER/NAME", repoURL, u.Host)
	}
	host := strings.ToLower(u.Hostname())
	if kind == "" {
		switch {
		case host == "github.com":
			kind = "github"
		case strings.Contains(host, "gitlab"):
			kind = "gitlab"
		default:
			kind = "gitea" // Gitea, Forgejo, Codeberg
		}
	}
	if branch == "" {
		branch = "main"
	}
	b := Backend{Name: kind, Repo: repo, Branch: branch}
	if host != "github.com" && host != "gitlab.com" {
		b.Origin = u.Scheme + "://" + u.Host
	}
	if kind == "gitea" && b.Origin == "" {
		return Backend{}, fmt.Errorf("site.toml: [cms] backend = \"gitea\" with a [repo] url on %s", host)
	}
	return b, nil
}

// API is the origin of the host's API, which the editor's page may
// connect to.
func (b Backend) API() string {
	switch {
	case b.Name == "github" && b.Origin == "":
		return "https://api.github.com"
	case b.Origin == "":
		return "https://gitlab.com"
	}
	return b.Origin
}

// apiRoot is the backend's api_root option for a self-hosted host.
func (b Backend) apiRoot() string {
	if b.Origin == "" {
		return ""
	}
	switch b.Name {
	case "github":
		return b.Origin + "/api/v3"
	case "gitlab":
		return b.Origin + "/api/v4"
	}
	return b.Origin + "/api/v1"
}
