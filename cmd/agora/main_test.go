package main

// End-to-end tests of the agora command, in the style of Go's cmd/go and
// Hugo: each testdata/script/*.txtar is a small community repository plus a
// script that runs agora on it and compares what it prints.
//
// Run them with
//
//	go test ./cmd/agora/
//	go test ./cmd/agora/ -run TestScript/check_errors   # one script
//	go test ./cmd/agora/ -update                         # rewrite the expected output
//
// -update rewrites the files a failing "cmp stdout FILE" (or stderr)
// compares with, inside the .txtar archives; review the diff before keeping
// it.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected output embedded in testdata/script/*.txtar")

// TestMain makes the test binary double as the agora command, so that
// scripts run "agora ..." as a subprocess without a separate build.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"agora": main})
}

func TestScript(t *testing.T) {
	root := repoRoot(t)
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Fixed date for overdue warnings; no colour in the output.
			env.Setenv("AGORA_TODAY", "2026-11-23")
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"example": func(ts *testscript.TestScript, neg bool, args []string) {
				cmdExample(ts, neg, args, root)
			},
			"jsonvalid": cmdJSONValid,
			"mkfile":    cmdMkfile,
			"replace":   cmdReplace,
			"roundtrip": cmdRoundtrip,
			"status":    cmdStatus,
			"unescape":  cmdUnescape,
		},
	})
}

// repoRoot is the repository holding this package: cmd/agora → ../..
func repoRoot(t *testing.T) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(wd, "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("cannot find the repository root from %s: %v", wd, err)
	}
	return root
}

// example
//
// copies the repository's own example community (content/ and site.toml)
// into the script's current folder, so scripts test the real example
// without duplicating it.
func cmdExample(ts *testscript.TestScript, neg bool, args []string, root string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: example")
	}
	dst := ts.MkAbs(".")
	ts.Check(copyFile(filepath.Join(root, "site.toml"), filepath.Join(dst, "site.toml")))
	src := filepath.Join(root, "content")
	ts.Check(filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, "content", rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		return copyFile(p, target)
	}))
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// jsonvalid FILE
//
// fails unless FILE (or stdout, or stderr) holds one valid JSON value.
func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: jsonvalid FILE")
	}
	ok := json.Valid([]byte(ts.ReadFile(args[0])))
	if ok == neg {
		ts.Fatalf("%s: valid JSON is %v, want %v", args[0], ok, !neg)
	}
}

// mkfile SIZE PATH
//
// writes a Markdown entry of SIZE bytes (a number, or with suffix KB or MB
// meaning 1<<10 and 1<<20): valid front matter, then a body of text lines.
func cmdMkfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkfile SIZE PATH")
	}
	n, err := parseSize(args[0])
	ts.Check(err)
	var b bytes.Buffer
	b.WriteString("+++\ntitle = \"Large\"\n+++\n")
	line := strings.Repeat("lorem ipsum ", 6) + "\n"
	for b.Len() < n {
		b.WriteString(line)
	}
	b.Truncate(n)
	path := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(filepath.Dir(path), 0o755))
	ts.Check(os.WriteFile(path, b.Bytes(), 0o644))
}

func parseSize(s string) (int, error) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "MB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MB")
	case strings.HasSuffix(s, "KB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KB")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}

// replace FILE OLD NEW
//
// replaces every OLD in FILE by NEW (Go escapes such as \n allowed in both),
// failing if OLD is not there: a small edit, as a contributor would make.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	old, err := unquote(args[1])
	ts.Check(err)
	new, err := unquote(args[2])
	ts.Check(err)
	path := ts.MkAbs(args[0])
	b, err := os.ReadFile(path)
	ts.Check(err)
	if !strings.Contains(string(b), old) {
		ts.Fatalf("%s does not contain %q", args[0], old)
	}
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(b), old, new)), 0o644))
}

// roundtrip TYPE FOLDER
//
// exports the entries of TYPE (private fields too) to TYPE.csv, removes
// the entries of content/FOLDER, imports TYPE.csv and exports again: it
// fails unless the import succeeds and the second export is the first,
// byte for byte. Entry folders stay, and their rows are left out of the
// import: a spreadsheet cannot carry the photos and documents beside an
// entry (agora import never writes over an entry, folder or not).
func cmdRoundtrip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: roundtrip TYPE FOLDER")
	}
	typ, folder := args[0], args[1]
	export := func() string {
		ts.Check(ts.Exec("agora", "export", "--type", typ, "--private"))
		return ts.ReadFile("stdout")
	}
	first := export()
	dir := ts.MkAbs(filepath.Join("content", folder))
	list, err := os.ReadDir(dir)
	ts.Check(err)
	kept := map[string]bool{}
	for _, f := range list {
		if f.IsDir() {
			kept[f.Name()] = true
		} else {
			ts.Check(os.Remove(filepath.Join(dir, f.Name())))
		}
	}
	ts.Check(os.WriteFile(ts.MkAbs(typ+".csv"), []byte(withoutRows(ts, first, kept)), 0o644))
	if err := ts.Exec("agora", "import", typ+".csv", "--type", typ); err != nil {
		ts.Fatalf("import of the export of %s failed: %v\n%s", typ, err, ts.ReadFile("stdout"))
	}
	if again := export(); again != first {
		ts.Fatalf("the export of the imported %s entries differs from the first export:\n%s\n---\n%s", typ, first, again)
	}
}

// withoutRows is a CSV without the rows whose slug (first column) is in
// slugs.
func withoutRows(ts *testscript.TestScript, text string, slugs map[string]bool) string {
	if len(slugs) == 0 {
		return text
	}
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	ts.Check(err)
	rows = slices.DeleteFunc(rows, func(r []string) bool { return slugs[r[0]] })
	var b strings.Builder
	w := csv.NewWriter(&b)
	ts.Check(w.WriteAll(rows))
	return b.String()
}

// status CODE PROGRAM [ARGS...]
//
// runs PROGRAM (such as agora) and fails unless it exits with CODE; its
// stdout and stderr stay for the following stdout, stderr and cmp
// commands. "! agora ..." only says that a command failed; the agora
// contract tells content errors (1) from usage errors (2).
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// unescape FILE...
//
// rewrites each file, turning Go escapes (\r, \x00, \xff, \ufeff, \\) into
// the bytes they stand for. It lets a txtar archive, which is plain text,
// hold CRLF endings, a byte order mark, binary junk or invalid UTF-8.
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape FILE...")
	}
	for _, name := range args {
		path := ts.MkAbs(name)
		b, err := os.ReadFile(path)
		ts.Check(err)
		s, err := unquote(string(b))
		if err != nil {
			ts.Fatalf("%s: %v", name, err)
		}
		ts.Check(os.WriteFile(path, []byte(s), 0o644))
	}
}

// unquote interprets the Go escapes in s, leaving quotes and newlines as
// they are.
func unquote(s string) (string, error) {
	s = strings.NewReplacer(`"`, `\"`, "\n", `\n`).Replace(s)
	return strconv.Unquote(`"` + s + `"`)
}
