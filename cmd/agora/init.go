package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/scaffold"
	"github.com/agora-community/agora/generator/schema"
)

var (
	branchName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]*$`)
	semver     = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$`)
	langTag    = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

func runInit(ctx context.Context, c *cli, args []string) error {
	fs, _ := c.flags("init")
	title := fs.String("title", "", "the network's `name`, shown on every page (default: from the folder's name)")
	baseURL := fs.String("base-url", "https://example.org/", "the `URL` the site will be published at; the CI workflows pass GitHub's or GitLab's own")
	lang := fs.String("language", "en", "the `language` of the site's interface: en, es, fr, mn or km")
	repo := fs.String("repo", "", "the repository's web `address` (https://github.com/OWNER/NAME), for \"edit this page\" links")
	branch := fs.String("branch", "main", "the `branch` that is published")
	eject := fs.Bool("eject", false, "copy the default schema and theme into the repository, to change them; without it they stay built into agora and follow its updates")
	pin := fs.String("agora-version", "", "the agora `version` CI installs, such as v1.2.0 (default: this agora's version, or latest)")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if len(positional) != 1 {
		return usageError("init needs a folder: agora init our-network")
	}
	dir := positional[0]
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError("--base-url %q: expected an absolute http(s) URL such as https://example.org/network/", *baseURL)
		}
	}
	if *repo != "" {
		if u, err := url.Parse(*repo); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError("--repo %q: expected the repository's web address, such as https://github.com/OWNER/NAME", *repo)
		}
	}
	if !branchName.MatchString(*branch) {
		return usageError("--branch %q is not a branch name", *branch)
	}
	if !langTag.MatchString(*lang) {
		return usageError("--language %q: expected a language tag such as en, es, fr, mn or km", *lang)
	}
	version := *pin
	if version == "" {
		version = installVersion()
	} else if version != "latest" && !semver.MatchString(version) {
		return usageError("--agora-version %q: expected a release such as v1.2.0, or latest", version)
	}
	if err := emptyFolder(dir); err != nil {
		return err
	}
	if *title == "" {
		*title = titleFromFolder(dir)
	}
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if diags.HasErrors() {
		return fmt.Errorf("the built-in schema has errors: %v", diags)
	}
	files, err := scaffold.Init(scaffold.InitOptions{
		Title: *title, BaseURL: *baseURL, Language: *lang, RepoURL: *repo, Branch: *branch, Version: version,
		Schema: sch, Eject: *eject, DefaultSchema: agora.DefaultSchema, DefaultTheme: agora.DefaultTheme,
	})
	if err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stdout, "created %s: %d files, a starter content/, CONTRIBUTING.md and CI for GitHub and GitLab\n", filepath.ToSlash(dir), len(files))
	if *eject {
		fmt.Fprintln(c.stdout, "the default schema and theme are in schema/ and themes/default/, yours to change")
	}
	fmt.Fprintf(c.stdout, "\nNext:\n  cd %s\n  agora check && agora serve\n  git init -b %s && git add . && git commit -m \"Start our knowledge base\"\nthen push it to GitHub or GitLab: every pull request is checked, and %s is published on Pages.\n", dir, *branch, *branch)
	return nil
}

// emptyFolder accepts a folder that does not exist yet, or holds nothing
// but a .git (a freshly cloned empty repository).
func emptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return &exitError{exitContent, fmt.Sprintf("%s is a file; agora init needs a new or empty folder", dir)}
		}
		return err
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			return &exitError{exitContent, fmt.Sprintf("%s is not empty (it holds %s); agora init writes a new repository only into a new or empty folder", dir, e.Name())}
		}
	}
	return nil
}

// titleFromFolder turns "sonora-network" into "Sonora network".
func titleFromFolder(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	name := strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(filepath.Base(abs)))
	if name == "" || name == "." || name == string(filepath.Separator) {
		return ""
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// installVersion is the agora release CI should install: this binary's,
// when it was installed from a release, else the latest.
func installVersion() string {
	v := version
	if v == "" {
		if info, ok := debug.ReadBuildInfo(); ok {
			v = info.Main.Version
		}
	}
	if semver.MatchString(v) && !strings.Contains(v, "+dirty") {
		return v
	}
	return "latest"
}
