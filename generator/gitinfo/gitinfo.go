// Package gitinfo reads what Git knows about a community repository: the
// last change of every content file, from one "git log" over the whole
// history (as Hugo's gitinfo does, never one process per file), and the
// files changed since a ref, for checks of a pull request.
//
// Git is optional: when it is not installed, or the source is not a Git
// work tree, or it has no commits yet, History is simply empty. Problems
// worth telling (a shallow clone, a repository Git refuses to read) come
// back as warnings for the build to print once.
package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Change is the last commit that touched a file.
type Change struct {
	Hash        string    // full commit hash
	Subject     string    // first line of the commit message
	Author      string    // author name, as .mailmap maps it
	AuthorEmail string    // never published by the default theme
	Date        time.Time // author date: when the change was made
	CommitDate  time.Time // when it was committed (or merged by rebase)
}

// ShortHash is the first 7 characters of the hash.
func (c Change) ShortHash() string {
	if len(c.Hash) > 7 {
		return c.Hash[:7]
	}
	return c.Hash
}

// History is the last change of each file.
type History struct {
	// Changes maps a path relative to the source folder, slash-separated
	// ("content/members/ana.md"), to its last change. Nil when unknown.
	Changes map[string]Change
	// Shallow is true when the repository is a shallow clone: files last
	// changed before its oldest commit are left out of Changes, since
	// their real last change is not in the clone.
	Shallow bool
	// Warnings are problems to print once; none is fatal.
	Warnings []string
}

// ShallowWarning tells how to get the whole history in CI.
const ShallowWarning = "the Git repository is a shallow clone, so entries last changed before its oldest commit show their updated date or file time instead of their last commit; fetch the whole history (actions/checkout with fetch-depth: 0, or GIT_DEPTH: 0 on GitLab CI)"

// Field and record separators of the log format: bytes that commit
// subjects and names do not hold.
const (
	fieldSep  = "\x1f"
	recordSep = "\x1e"
)

// logFormat: hash, author name (mailmap), author email, author date,
// committer date, parents, subject.
var logFormat = "--format=format:" + recordSep + strings.Join([]string{"%H", "%aN", "%aE", "%aI", "%cI", "%P", "%s"}, fieldSep)

// Read returns the last change of every file under the given folders of
// dir (relative to dir, such as "content"), from one git log call. It
// never fails: without Git or history it returns an empty History.
func Read(ctx context.Context, dir string, under ...string) History {
	var h History
	repo, err := open(ctx, dir)
	if err != nil {
		if !errors.Is(err, errNoRepo) {
			h.Warnings = append(h.Warnings, "no last-change dates from Git: "+err.Error())
		}
		return h
	}
	h.Shallow = repo.shallow
	args := []string{"-c", "core.quotepath=false", "-c", "log.showSignature=false", "-c", "diff.relative=false",
		"log", "--no-merges", "--name-only", "--no-renames", "--no-color", logFormat, "--"}
	if len(under) == 0 {
		under = []string{"."}
	}
	args = append(args, under...)
	out, err := repo.git(ctx, args...)
	if err != nil {
		if !strings.Contains(err.Error(), "does not have any commits") {
			h.Warnings = append(h.Warnings, "no last-change dates from Git: "+err.Error())
		}
		return h
	}
	h.Changes = parseLog(out, repo.prefix, repo.shallow)
	if repo.shallow {
		h.Warnings = append(h.Warnings, ShallowWarning)
	}
	return h
}

// parseLog reads the output of git log --name-only in the format above,
// newest commit first, and keeps each file's first (newest) commit. Paths
// outside prefix (the source folder within the repository) are dropped,
// the others made relative to it. In a shallow clone, a commit without
// parents is the clone's boundary, not a real first commit: the files
// first seen there are left out.
func parseLog(out []byte, prefix string, shallow bool) map[string]Change {
	changes := map[string]Change{}
	for _, rec := range strings.Split(string(out), recordSep) {
		header, files, _ := strings.Cut(rec, "\n")
		fields := strings.Split(header, fieldSep)
		if len(fields) != 7 {
			continue
		}
		if shallow && fields[5] == "" {
			continue
		}
		c := Change{Hash: fields[0], Author: fields[1], AuthorEmail: fields[2], Subject: fields[6]}
		c.Date, _ = time.Parse(time.RFC3339, fields[3])
		c.CommitDate, _ = time.Parse(time.RFC3339, fields[4])
		for _, name := range strings.Split(files, "\n") {
			name = unquote(strings.TrimRight(name, "\r"))
			if name == "" {
				continue
			}
			rel, ok := strings.CutPrefix(name, prefix)
			if !ok {
				continue
			}
			if _, seen := changes[rel]; !seen {
				changes[rel] = c
			}
		}
	}
	return changes
}

// unquote undoes Git's C-style quoting of unusual file names.
func unquote(name string) string {
	if len(name) < 2 || name[0] != '"' || name[len(name)-1] != '"' {
		return name
	}
	if s, err := strconv.Unquote(name); err == nil {
		return s
	}
	return name
}

// Changed lists the files of dir changed since ref: committed on this
// branch since it left ref (git diff REF...HEAD), changed in the work
// tree or the index, and untracked but not ignored. Paths are relative to
// dir, slash-separated; deleted files are included.
func Changed(ctx context.Context, dir, ref string) ([]string, error) {
	repo, err := open(ctx, dir)
	if errors.Is(err, errNoRepo) {
		return nil, fmt.Errorf("%s is not in a Git work tree", dir)
	}
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(ref, "-") {
		return nil, fmt.Errorf("%q is not a Git ref", ref)
	}
	if _, err := repo.git(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%q is not a commit or branch of this repository (in CI, fetch it first, e.g. with fetch-depth: 0)", ref)
	}
	seen := map[string]bool{}
	var out []string
	for _, args := range [][]string{
		{"diff", "--name-only", "--no-renames", "--relative", ref + "...HEAD", "--"},
		{"diff", "--name-only", "--no-renames", "--relative", "HEAD", "--"},
		{"ls-files", "--others", "--exclude-standard", "--", "."},
	} {
		b, err := repo.git(ctx, append([]string{"-c", "core.quotepath=false"}, args...)...)
		if err != nil {
			return nil, err
		}
		for _, name := range strings.Split(string(b), "\n") {
			name = unquote(strings.TrimRight(name, "\r"))
			if name != "" && !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	return out, nil
}

// Show returns the file at p (relative to dir, slash-separated) as it
// was at ref (git show REF:./p); found is false when it did not exist
// there.
func Show(ctx context.Context, dir, ref, p string) (data []byte, found bool, err error) {
	repo, err := open(ctx, dir)
	if errors.Is(err, errNoRepo) {
		return nil, false, fmt.Errorf("%s is not in a Git work tree", dir)
	}
	if err != nil {
		return nil, false, err
	}
	if strings.HasPrefix(ref, "-") {
		return nil, false, fmt.Errorf("%q is not a Git ref", ref)
	}
	out, err := repo.git(ctx, "show", "--no-textconv", ref+":./"+p)
	if err != nil {
		if msg := err.Error(); strings.Contains(msg, "does not exist in") || strings.Contains(msg, "exists on disk, but not in") {
			return nil, false, nil
		}
		return nil, false, err
	}
	return out, true, nil
}

var errNoRepo = errors.New("not a Git work tree")

type repo struct {
	dir     string
	prefix  string // the source folder within the work tree: "" or "site/"
	shallow bool
}

// open finds the work tree holding dir.
func open(ctx context.Context, dir string) (*repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		if inWorkTree(dir) {
			return nil, errors.New("git is not installed")
		}
		return nil, errNoRepo
	}
	r := &repo{dir: dir}
	out, err := r.git(ctx, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		if strings.Contains(err.Error(), "not a git repository") {
			return nil, errNoRepo
		}
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "true" {
		return nil, errNoRepo // inside a .git folder, or a bare repository
	}
	r.shallow = lines[1] == "true"
	if len(lines) > 2 {
		r.prefix = path.Clean(lines[2]) + "/"
		if r.prefix == "./" {
			r.prefix = ""
		}
	}
	return r, nil
}

// inWorkTree looks for a .git folder or file in dir or a parent.
func inWorkTree(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return true
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return false
		}
		abs = parent
	}
}

// git runs git in the repository; an error carries git's own message.
func (r *repo) git(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = r.dir
	// No pager, no prompt for credentials, and no locale that would
	// translate the messages matched above.
	cmd.Env = append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C", "LANGUAGE=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[firstCommand(args)], strings.TrimPrefix(msg, "fatal: "))
	}
	return out, nil
}

// firstCommand finds the git subcommand after any -c options.
func firstCommand(args []string) int {
	for i := 0; i < len(args); i++ {
		if args[i] == "-c" {
			i++
			continue
		}
		return i
	}
	return 0
}
