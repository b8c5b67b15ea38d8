package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/schema"
)

// Module is the Go module path that CI installs the agora command from.
const Module = "github.com/agora-community/agora/cmd/agora"

// InitOptions describe a new community repository.
type InitOptions struct {
	Title    string // the site's name
	BaseURL  string // where it will be published; CI overrides it with the host's own address
	Language string // the interface language: en, es, fr, mn, km
	RepoURL  string // the repository's web address, for "edit this page" links; may be empty
	Branch   string // the branch that is published; "main" when empty
	// Version is the agora version CI installs: "v1.2.3", or "latest".
	Version string
	// Schema is the schema in force, for CONTRIBUTING.md.
	Schema *schema.Schema
	// Eject copies the default schema and theme into the repository, for
	// a community that wants to change them; without it they stay
	// embedded in the agora command and follow its updates.
	Eject         bool
	DefaultSchema fs.FS // schema/*.toml, copied by Eject
	DefaultTheme  fs.FS // themes/default/, copied by Eject
}

// File is one file of a new repository.
type File struct {
	Path string // slash-separated, relative to the repository
	Data []byte
}

// Init returns every file of a new community repository: site.toml, a
// small valid content/ (a member, a topic, a charter, a page), a
// .gitignore, CONTRIBUTING.md (how to propose a change, then every type
// and field), and CI for GitHub Actions (check every pull request with
// annotations, build and deploy to GitHub Pages from the main branch)
// and GitLab CI (the same, with GitLab Pages), and the CODEOWNERS files
// that give the files guarding the site's safety to the maintainers.
func Init(opts InitOptions) ([]File, error) {
	if opts.Branch == "" {
		opts.Branch = "main"
	}
	if opts.Version == "" {
		opts.Version = "latest"
	}
	if opts.Language == "" {
		opts.Language = "en"
	}
	if opts.Title == "" {
		opts.Title = "Our learning network"
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://example.org/"
	}
	contributing, err := Contributing(opts)
	if err != nil {
		return nil, err
	}
	files := []File{
		{"site.toml", []byte(siteTOML(opts))},
		{".gitignore", []byte(gitignore)},
		{"CONTRIBUTING.md", contributing},
		{"README.md", []byte(readme(opts))},
		{".github/workflows/check.yml", []byte(CheckWorkflow(opts.Version))},
		{".github/workflows/pages.yml", []byte(PagesWorkflow(opts.Version, opts.Branch))},
		{".gitlab-ci.yml", []byte(GitLabCI(opts.Version, opts.Branch))},
		{".github/CODEOWNERS", []byte(CodeOwners(opts.RepoURL))},
		{".gitlab/CODEOWNERS", []byte(CodeOwners(opts.RepoURL))},
	}
	for _, f := range starter {
		files = append(files, File{f.Path, []byte(f.Data)})
	}
	if opts.Eject {
		for _, src := range []struct {
			fsys fs.FS
			dir  string
		}{{opts.DefaultSchema, "schema"}, {opts.DefaultTheme, "themes/default"}} {
			if src.fsys == nil {
				return nil, fmt.Errorf("eject: no default %s to copy", src.dir)
			}
			copied, err := copyFS(src.fsys, src.dir)
			if err != nil {
				return nil, err
			}
			files = append(files, copied...)
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func copyFS(fsys fs.FS, dir string) ([]File, error) {
	var out []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, File{path.Join(dir, p), b})
		return nil
	})
	return out, err
}

func siteTOML(o InitOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# The site's settings. Every field is described by agora schema docs.\n")
	fmt.Fprintf(&b, "title = %s\n", strconv.Quote(o.Title))
	fmt.Fprintf(&b, "description = %s\n", strconv.Quote("The shared knowledge base of "+o.Title+": members, charters, rules, minutes and curriculum."))
	fmt.Fprintf(&b, "# Where the site is published. The CI workflows pass the address of\n# GitHub Pages or GitLab Pages with --base-url, so this matters for\n# other hosts and for agora build on your computer.\n")
	fmt.Fprintf(&b, "base_url = %s\n", strconv.Quote(o.BaseURL))
	fmt.Fprintf(&b, "# The language of the interface: en, es, fr, mn or km.\n")
	fmt.Fprintf(&b, "language = %s\n", strconv.Quote(o.Language))
	if o.RepoURL != "" {
		fmt.Fprintf(&b, "\n# The repository, for the \"edit this page\" and \"view history\" links.\n[repo]\nurl = %s\nbranch = %s\n", strconv.Quote(o.RepoURL), strconv.Quote(o.Branch))
	} else {
		fmt.Fprintf(&b, "\n# Uncomment, with your repository's address, for \"edit this page\" and\n# \"view history\" links on every page (GitHub, GitLab, Gitea, Forgejo):\n# [repo]\n# url = \"https://github.com/OWNER/NAME\"\n# branch = %s\n", strconv.Quote(o.Branch))
	}
	return b.String()
}

const gitignore = `# The built site: agora build writes it, CI publishes it.
public/
# The resized copies of the entries' photos, kept between builds so that
# only new or changed photos are processed again; never commit it.
.agora-cache/
`

// starter is a small community that checks clean: a member who offers a
// topic, a charter that names the member, and a page.
var starter = []struct{ Path, Data string }{
	{"content/members/first-member.md", `+++
name = "First Member"
kind = "organization"
region = "Our region"
offers = ["peer-learning"]
+++

Who this member is and what it does. Replace this file with a real
member, or copy it for each member (the file name is the member's slug).
`},
	{"content/topics/peer-learning.toml", `name = "Peer learning"
definition = "Members learning from each other's practice, rather than from outside experts."
aliases = ["peer exchange"]
`},
	{"content/charters/our-network.md", `+++
title = "Our network"
adopted = 2026-01-15
mission = "Why the network exists, in a few sentences."
members = ["first-member"]

[[goals]]
horizon = "short"
text = "Write down who we are and what each of us can share."
+++

The charter's full text, in Markdown.
`},
	{"content/pages/about.md", `+++
title = "About"
+++

What this knowledge base is, who keeps it and how to take part: see
CONTRIBUTING.md in the repository.
`},
}

func readme(o InitOptions) string {
	return "# " + o.Title + `

The knowledge base of ` + o.Title + `, built with [Agora](https://` + strings.TrimSuffix(Module, "/cmd/agora") + `):
members, charters, governance rules, minutes, curriculum modules and
topics, one file each under ` + "`content/`" + `.

To propose a change, read [CONTRIBUTING.md](CONTRIBUTING.md).

` + "```sh" + `
go install ` + Module + `@` + o.Version + `
agora check      # check every file
agora serve      # preview the site at http://127.0.0.1:8080/
agora new member casa-nueva
` + "```" + `
`
}

// Contributing is CONTRIBUTING.md: how to propose a change by pull request,
// for members who do not program, then the reference of every type and
// field (agora schema docs).
func Contributing(o InitOptions) ([]byte, error) {
	if o.Schema == nil {
		return nil, fmt.Errorf("CONTRIBUTING.md needs the schema")
	}
	if o.Branch == "" {
		o.Branch = "main"
	}
	var docs bytes.Buffer
	if err := schema.WriteDocs(&docs, o.Schema); err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("# How to contribute to " + o.Title + "\n\n")
	b.WriteString(strings.ReplaceAll(contributingGuide, "BRANCH", o.Branch))
	b.WriteString(reviewGuide)
	var folders []string
	for _, t := range o.Schema.Types {
		folders = append(folders, fmt.Sprintf("| `content/%s/` | %s |", t.Folder, cell(firstSentence(t.Description, t.Name))))
	}
	b.WriteString("\n## What goes where\n\n| folder | what each file holds |\n|---|---|\n" + strings.Join(folders, "\n") + "\n")
	b.WriteString("\nThe next section lists every field of every type: what it means, whether it is required, and what values it takes. ")
	b.WriteString("It is the output of `agora schema docs`: run it again after changing `schema/`.\n\n")
	b.WriteString(demoteHeadings(docs.String()))
	return []byte(b.String()), nil
}

const contributingGuide = `Everything on the site is a plain text file in this repository:
one file per member, charter, rule, meeting, module, topic or page, in
the folders of ` + "`content/`" + `. Every change, from a typo to a new
rule, is proposed as a **pull request** (a *merge request* on GitLab),
checked automatically and reviewed by another member before it is
published. You do not need to install anything or to program.

## Propose a change in your browser

1. On the site, open the page and click **Edit this page** (or find its
   file under ` + "`content/`" + ` in the repository and click the pencil icon).
2. Change the text. The lines between the two ` + "`+++`" + ` lines at the top
   are the entry's fields, one per line: ` + "`name = \"Casa Nueva\"`" + `. Keep
   the quotes around text, and write dates as ` + "`2026-03-14`" + `, without
   quotes. Below the second ` + "`+++`" + ` is the page's text, in Markdown.
3. Describe your change in a sentence, choose **Create a new branch and
   start a pull request**, and click **Propose changes**.
4. Within a few minutes the automatic check runs. If a field is wrong,
   the pull request shows the problem on the very line, with what was
   found, what is allowed and how to fix it. Edit the file again on
   your branch until the check is green.
5. Another member reviews the change and merges it into ` + "`BRANCH`" + `. The
   site is rebuilt and published by itself a few minutes later.

## Add a new entry

In the repository, open the type's folder under ` + "`content/`" + ` (for
example ` + "`content/members/`" + `), click **Add file → Create new file**, and
name it after the entry: lowercase letters, digits and hyphens, ending
in ` + "`.md`" + ` — ` + "`casa-nueva.md`" + `. That name (without ` + "`.md`" + `) is the
entry's *slug*: other entries refer to it by that name, and its page is
published under it. Copy the fields of an existing entry of the same
type, or take them from the reference below. Then propose it as above.

## On your computer

If you use Git, install the ` + "`agora`" + ` command (with Go:
` + "`go install " + Module + "@latest`" + `), then, in the repository:

` + "```sh" + `
git switch -c my-change
agora new member casa-nueva   # a new file with every field, described
agora check                   # every problem, at file:line:col
agora serve                   # preview the site, rebuilt as you save
git commit -am "Add Casa Nueva" && git push -u origin my-change
` + "```" + `

and open a pull request. ` + "`agora check --changed-since origin/" + "BRANCH`" + ` reports
only on the files you changed and the entries that refer to them.

## Drafts

Add ` + "`draft = true`" + ` to an entry to share it for review without publishing
it. Remove the line when the group approves it.
`

func firstSentence(s, fallback string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "entries of type " + fallback
	}
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

func cell(s string) string { return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s) }

var heading = regexp.MustCompile(`(?m)^#`)

// demoteHeadings makes the schema docs a section of CONTRIBUTING.md.
func demoteHeadings(s string) string { return heading.ReplaceAllString(s, "##") }

// CheckWorkflow is .github/workflows/check.yml: agora check on every pull
// request, its problems shown as annotations on the changed lines.
func CheckWorkflow(version string) string {
	return `# Checks every pull request: each problem is shown on its line in the
# pull request ("Files changed"), and the check must pass before merging
# (Settings → Branches → branch protection → require "check").
name: Check

on:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the repository
        uses: actions/checkout@v4
      - name: Set up Go
        uses: actions/setup-go@v5
        with:
          go-version: stable
          cache: false
      - name: Install Agora
        run: go install ` + Module + `@` + version + `
      - name: Check every file
        run: agora check --format github
`
}

// PagesWorkflow is .github/workflows/pages.yml: build the site on every
// push to the published branch and deploy it to GitHub Pages.
func PagesWorkflow(version, branch string) string {
	return `# Builds the site on every push to ` + branch + ` and publishes it on GitHub
# Pages. Turn Pages on once: Settings → Pages → Source: GitHub Actions.
name: Publish

on:
  push:
    branches: [` + branch + `]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a newer push waits for the running one.
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the repository
        uses: actions/checkout@v4
        with:
          # The whole history: every page says when it was last changed, and by whom.
          fetch-depth: 0
      - name: Set up Go
        uses: actions/setup-go@v5
        with:
          go-version: stable
          cache: false
      - name: Install Agora
        run: go install ` + Module + `@` + version + `
      - name: Configure GitHub Pages
        id: pages
        uses: actions/configure-pages@v5
      - name: Keep the processed photos between builds
        uses: actions/cache@v4
        with:
          # Resized copies of the entries' photos: only new or changed
          # photos are processed again.
          path: .agora-cache
          key: agora-images-${{ github.run_id }}
          restore-keys: agora-images-
      - name: Build the site
        run: agora build --out public --base-url "${{ steps.pages.outputs.base_url }}/"
      - name: Upload the site
        uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
`
}

// GitLabCI is .gitlab-ci.yml: agora check on every merge request, and the
// site built and published on GitLab Pages from the published branch.
func GitLabCI(version, branch string) string {
	return `# Checks every merge request, and publishes the site on GitLab Pages
# from ` + branch + ` (Deploy → Pages shows its address).
image: golang:1

variables:
  # The whole history: every page says when it was last changed, and by whom.
  GIT_DEPTH: "0"

stages:
  - check
  - deploy

default:
  before_script:
    - go install ` + Module + `@` + version + `
    - export PATH="$PATH:$(go env GOPATH)/bin"

check:
  stage: check
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - agora check

pages:
  stage: deploy
  rules:
    - if: $CI_COMMIT_BRANCH == "` + branch + `"
  script:
    - agora build --out public --base-url "$CI_PAGES_URL/"
  # Resized copies of the entries' photos, kept between builds: only new
  # or changed photos are processed again.
  cache:
    key: agora-images
    paths:
      - .agora-cache/
  artifacts:
    paths:
      - public
`
}
