// Package gittest builds small Git repositories for tests: commits by
// named authors at fixed dates, whatever the machine's Git configuration.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a Git work tree in a temporary folder.
type Repo struct {
	t   testing.TB
	Dir string
}

// Author commits under a name and email at a fixed date ("2025-03-03T10:00:00+01:00").
type Author struct {
	Name, Email, Date string
}

// New makes an empty repository on branch main in a new temporary folder;
// the test is skipped where git is not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &Repo{t: t, Dir: t.TempDir()}
	r.Git(Author{}, "init", "--quiet", "--initial-branch=main")
	return r
}

// Env is the environment every git command of a test runs with: no user
// or system configuration, the author and committer set.
func Env(a Author) []string {
	env := append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	if a.Name == "" {
		a = Author{"Agora Test", "test@example.org", "2025-01-01T12:00:00+00:00"}
	}
	return append(env,
		"GIT_AUTHOR_NAME="+a.Name, "GIT_AUTHOR_EMAIL="+a.Email, "GIT_AUTHOR_DATE="+a.Date,
		"GIT_COMMITTER_NAME="+a.Name, "GIT_COMMITTER_EMAIL="+a.Email, "GIT_COMMITTER_DATE="+a.Date)
}

// Git runs git in the repository as author a and returns its output.
func (r *Repo) Git(a Author, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = Env(a)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes files (slash-separated path → content) into the work tree.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files, stages everything and commits it as author a.
func (r *Repo) Commit(a Author, message string, files map[string]string) {
	r.t.Helper()
	r.Write(files)
	r.Git(a, "add", "--all")
	r.Git(a, "commit", "--quiet", "--no-gpg-sign", "-m", message)
}
