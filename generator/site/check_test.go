package site_test

// Golden tests of the whole check pipeline (site.toml, schema, load,
// validate, link), in the style of goldmark's _test files: each
// testdata/check/*.txtar is a small community repository plus, in its
// "want" file, every diagnostic Open reports, one per line
//
//	FILE:LINE:COL: [warning: ]CODE: MESSAGE
//
// followed by the source line quoted with a caret under the column, and the
// found / allowed / fix lines. Run
//
//	go test ./generator/site -run TestCheck/NAME
//	go test ./generator/site -run TestCheck -update   # rewrite the want files
//
// and review the diff of testdata/ before keeping it.
//
// The archive's comment (the text before the first file) describes the
// case in lines starting with "#", and holds directives,
// one a line, for what a text archive cannot hold:
//
//	today 2026-11-23            fixes Options.Today (overdue warnings)
//	drafts                      sets Options.Drafts
//	bom FILE                    prepends a UTF-8 byte order mark to FILE
//	crlf FILE                   turns FILE's line endings into CRLF
//	unescape FILE               turns \xNN in FILE into the byte NN
//	truncate FILE SIZE          makes FILE SIZE bytes long (sparse; K and M suffixes)
//	mkdir DIR                   makes an (empty) folder
//	symlink LINK TARGET         makes LINK a symbolic link to TARGET
//	image FILE KIND W H         writes a W×H image: jpeg, png, animated-gif,
//	                            planted-jpeg (EXIF GPS and more, orientation 6),
//	                            or bomb (a PNG header of W×H, no pixels)
//	nosite                      writes no default site.toml
//
// Without a site.toml in the archive (and without nosite), a minimal valid
// one is written. Files whose names start with "../" are written outside
// the repository, beside it.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

var update = flag.Bool("update", false, "rewrite the want file of each testdata/check/*.txtar")

const defaultSite = "title = \"Test network\"\nbase_url = \"https://example.org/network/\"\n"

type checkCase struct {
	dir     string // the repository
	opts    site.Options
	ar      *txtar.Archive
	want    string
	hasWant bool
}

func TestCheck(t *testing.T) {
	files, err := filepath.Glob("testdata/check/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := setupCase(t, file)
			p, err := site.Open(context.Background(), c.opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer p.Close()
			got := formatDiags(p)
			if got == c.want {
				return
			}
			if *update {
				writeWant(t, file, c.ar, got)
				return
			}
			t.Errorf("diagnostics differ (-want +got):\n%s", lineDiff(c.want, got))
		})
	}
}

// setupCase writes the archive's repository into a temporary folder.
func setupCase(t *testing.T, file string) *checkCase {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	c := &checkCase{dir: filepath.Join(base, "repo"), ar: ar}
	c.opts.Source = c.dir
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	hasSite := false
	for _, f := range ar.Files {
		switch f.Name {
		case "want":
			c.want, c.hasWant = string(f.Data), true
			continue
		case "site.toml":
			hasSite = true
		}
		path := filepath.Join(c.dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !c.hasWant {
		t.Fatalf("%s has no want file", file)
	}
	writeSite := !hasSite
	for n, line := range strings.Split(string(ar.Comment), "\n") {
		args := strings.Fields(line)
		if len(args) == 0 || strings.HasPrefix(args[0], "#") {
			continue
		}
		bad := func() { t.Fatalf("%s:%d: bad directive %q", file, n+1, line) }
		path := func(i int) string {
			if i >= len(args) {
				bad()
			}
			return filepath.Join(c.dir, filepath.FromSlash(args[i]))
		}
		edit := func(fn func([]byte) []byte) {
			p := path(1)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, fn(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		switch args[0] {
		case "today":
			if len(args) != 2 {
				bad()
			}
			d, err := time.Parse(time.DateOnly, args[1])
			if err != nil {
				bad()
			}
			c.opts.Today = d
		case "drafts":
			c.opts.Drafts = true
		case "nosite":
			writeSite = false
		case "bom":
			edit(func(b []byte) []byte { return append([]byte("\ufeff"), b...) })
		case "crlf":
			edit(func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })
		case "unescape":
			edit(unescape)
		case "truncate":
			if len(args) != 3 {
				bad()
			}
			size, err := parseSize(args[2])
			if err != nil {
				bad()
			}
			p := path(1)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			f.Close()
			if err := os.Truncate(p, size); err != nil {
				t.Fatal(err)
			}
		case "mkdir":
			if err := os.MkdirAll(path(1), 0o755); err != nil {
				t.Fatal(err)
			}
		case "image":
			if len(args) != 5 {
				bad()
			}
			w, werr := strconv.Atoi(args[3])
			h, herr := strconv.Atoi(args[4])
			if werr != nil || herr != nil {
				bad()
			}
			p := path(1)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, site.CraftImage(t, args[2], w, h), 0o644); err != nil {
				t.Fatal(err)
			}
		case "symlink":
			if len(args) != 3 {
				bad()
			}
			link := path(1)
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(filepath.FromSlash(args[2]), link); err != nil {
				if runtime.GOOS == "windows" {
					t.Skipf("cannot make symbolic links here: %v", err)
				}
				t.Fatal(err)
			}
		default:
			bad()
		}
	}
	if writeSite {
		if err := os.WriteFile(filepath.Join(c.dir, "site.toml"), []byte(defaultSite), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n * mult, err
}

// unescape replaces each \xNN by the byte NN.
func unescape(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+3 < len(b) && b[i+1] == 'x' {
			if n, err := strconv.ParseUint(string(b[i+2:i+4]), 16, 8); err == nil {
				out = append(out, byte(n))
				i += 3
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

// formatDiags writes the diagnostics as the want files hold them.
func formatDiags(p *site.Project) string {
	var b strings.Builder
	lines := map[string][]string{}
	for _, d := range p.Diags {
		sev := ""
		if d.Severity == diag.Warning {
			sev = "warning: "
		}
		if d.Line > 0 {
			fmt.Fprintf(&b, "%s:%d:%d: %s%s: %s\n", d.File, d.Line, d.Col, sev, d.Code, d.Message)
		} else {
			fmt.Fprintf(&b, "%s: %s%s: %s\n", d.File, sev, d.Code, d.Message)
		}
		if src, ok := sourceLine(p, lines, d); ok {
			fmt.Fprintf(&b, "\t| %s\n\t| %s^\n", src, caretIndent(src, d.Col))
		}
		for _, kv := range [][2]string{{"found", d.Found}, {"allowed", d.Allowed}, {"fix", d.Hint}} {
			if kv[1] != "" {
				fmt.Fprintf(&b, "\t%s: %s\n", kv[0], kv[1])
			}
		}
	}
	return b.String()
}

// sourceLine returns line d.Line of d.File, as an editor shows it.
func sourceLine(p *site.Project, cache map[string][]string, d diag.Diagnostic) (string, bool) {
	if d.Line <= 0 {
		return "", false
	}
	lines, ok := cache[d.File]
	if !ok {
		b, err := p.Root.ReadFile(d.File)
		if err == nil {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
			lines = strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		}
		cache[d.File] = lines
	}
	if d.Line > len(lines) {
		return "", false
	}
	return strings.ToValidUTF8(lines[d.Line-1], "\ufffd"), true
}

func caretIndent(line string, col int) string {
	var b strings.Builder
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func writeWant(t *testing.T, file string, ar *txtar.Archive, got string) {
	t.Helper()
	for i := range ar.Files {
		if ar.Files[i].Name == "want" {
			ar.Files[i].Data = []byte(got)
		}
	}
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("updated %s", file)
}

// lineDiff marks the lines only in want with - and only in got with +.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// longest common subsequence, small inputs only
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			b.WriteString("  " + w[i] + "\n")
			i, j = i+1, j+1
		case j < len(g) && (i == len(w) || lcs[i][j+1] >= lcs[i+1][j]):
			b.WriteString("+ " + g[j] + "\n")
			j++
		default:
			b.WriteString("- " + w[i] + "\n")
			i++
		}
	}
	return b.String()
}
