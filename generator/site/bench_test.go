package site_test

// Benchmarks of `agora check` stage by stage on a synthetic 10,000-entry
// corpus:
//
//	go test -run '^$' -bench . -benchmem ./generator/site/
//
// The corpus is written by ../../../shared/bench/mkcorpus.py (the shared/
// folder beside the repository, as CI clones it), at most once per test
// binary and only when a benchmark runs: plain `go test` generates nothing.
// Because the script's output is deterministic for a given size, it is kept
// in the system temp folder under a name made of the script's SHA-256 and
// the size, and reused by later runs; a new version of the script gets a
// new folder. AGORA_CORPUS=DIR uses an existing corpus (DIR/site.toml and
// DIR/content/) instead.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/config"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/link"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/site"
	"github.com/agora-community/agora/generator/validate"
)

const (
	benchEntries = 10000
	mkcorpus     = "../../../shared/bench/mkcorpus.py" // from this package's folder
)

// benchToday is far enough back that no action in the corpus is overdue,
// as bench/check.sh runs with AGORA_TODAY=2000-01-01.
var benchToday = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

var corpus struct {
	once sync.Once
	dir  string
	err  error
}

// corpusDir returns the folder of the 10k corpus, generating it on first use.
func corpusDir(b *testing.B) string {
	b.Helper()
	corpus.once.Do(func() { corpus.dir, corpus.err = makeCorpus() })
	if corpus.err != nil {
		b.Fatal(corpus.err)
	}
	return corpus.dir
}

func makeCorpus() (string, error) {
	if dir := os.Getenv("AGORA_CORPUS"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
			return "", fmt.Errorf("AGORA_CORPUS=%s is not a corpus: %v", dir, err)
		}
		return dir, nil
	}
	script, err := filepath.Abs(mkcorpus)
	if err != nil {
		return "", err
	}
	src, err := os.ReadFile(script)
	if err != nil {
		return "", fmt.Errorf("cannot generate the benchmark corpus: %v\n"+
			"\tthe benchmarks need shared/bench/mkcorpus.py beside the repository (../shared), "+
			"or AGORA_CORPUS=DIR naming a corpus written by it", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		return "", fmt.Errorf("cannot generate the benchmark corpus: %v\n"+
			"\tinstall python3 to run %s, or set AGORA_CORPUS=DIR to a corpus written by it", err, script)
	}
	sum := sha256.Sum256(src)
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("agora-corpus-%d-%s", benchEntries, hex.EncodeToString(sum[:6])))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		return dir, nil // written by an earlier run
	}
	// Write beside the final folder, then rename, so that an interrupted
	// run never leaves a half-written corpus under the final name.
	tmp, err := os.MkdirTemp(os.TempDir(), "agora-corpus-tmp-")
	if err != nil {
		return "", err
	}
	cmd := exec.Command(python, script, fmt.Sprint(benchEntries), tmp)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("cannot generate the benchmark corpus: %s %s: %v\n%s", python, script, err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, "site.toml")); serr == nil {
			return dir, nil // another test binary won the race
		}
		return "", err
	}
	return dir, nil
}

// stages holds what the stage under test needs, loaded as site.Open does.
type stages struct {
	root   *os.Root
	schema *schema.Schema
	lopts  load.Options
}

func openStages(b *testing.B) *stages {
	b.Helper()
	root, err := os.OpenRoot(corpusDir(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	s := &stages{root: root}
	cfg, diags := config.Load(root)
	mustBeClean(b, "site.toml", diags)
	if cfg != nil {
		s.lopts.MaxFileSize = cfg.MaxFileSize
	}
	s.schema, diags = schema.Load(agora.DefaultSchema, schema.Sub(root.FS(), "schema"))
	mustBeClean(b, "schema", diags)
	return s
}

func (s *stages) load(b *testing.B) *load.Content {
	c, diags, err := load.Load(context.Background(), s.root, s.schema, s.lopts)
	if err != nil {
		b.Fatal(err)
	}
	mustBeClean(b, "load", diags)
	return c
}

func (s *stages) validate(b *testing.B, c *load.Content) {
	diags, err := validate.Entries(context.Background(), c, s.schema, validate.Options{Today: benchToday})
	if err != nil {
		b.Fatal(err)
	}
	mustBeClean(b, "validate", diags)
}

// mustBeClean fails the benchmark when a stage reports errors: timing the
// error paths would not measure a clean check.
func mustBeClean(b *testing.B, stage string, diags diag.List) {
	b.Helper()
	if !diags.HasErrors() {
		return
	}
	var sb strings.Builder
	n := 0
	for _, d := range diags {
		if d.Severity != diag.Error {
			continue
		}
		if n++; n > 5 {
			break
		}
		fmt.Fprintf(&sb, "\n\t%s:%d:%d: %s: %s (key %q)", d.File, d.Line, d.Col, d.Code, d.Message, d.Key)
	}
	errs, _ := diags.Count()
	b.Fatalf("%s reported %d errors on the benchmark corpus:%s", stage, errs, sb.String())
}

// BenchmarkLoad times load.Load: walking content/, reading and decoding
// every file's front matter.
func BenchmarkLoad(b *testing.B) {
	s := openStages(b)
	s.load(b) // warm the page cache
	b.ReportAllocs()
	for b.Loop() {
		s.load(b)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchEntries, "ns/entry")
}

// BenchmarkValidate times validate.Entries. It replaces every entry's
// Fields, so each iteration validates a fresh load, made with the timer off.
func BenchmarkValidate(b *testing.B) {
	s := openStages(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c := s.load(b)
		b.StartTimer()
		s.validate(b, c)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchEntries, "ns/entry")
}

// BenchmarkLink times link.Build on validated content. Build rewrites each
// reference to its target's slug; the corpus already names every target by
// its slug, so the rewrite changes nothing and the content can be reused.
func BenchmarkLink(b *testing.B) {
	s := openStages(b)
	c := s.load(b)
	s.validate(b, c)
	b.ReportAllocs()
	for b.Loop() {
		_, diags := link.Build(c, s.schema, link.Options{})
		mustBeClean(b, "link", diags)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchEntries, "ns/entry")
}

// BenchmarkCheck times `agora check` but for flag parsing: site.Open,
// printing the diagnostics (none: the corpus is clean) and closing.
func BenchmarkCheck(b *testing.B) {
	benchmarkCheck(b, benchToday, func(b *testing.B, p *site.Project) {
		if errs, warns := p.Diags.Count(); errs+warns > 0 || len(p.Content.Entries) < benchEntries {
			b.Fatalf("check: %d entries, %d errors, %d warnings; want %d entries and no problems",
				len(p.Content.Entries), errs, warns, benchEntries)
		}
	})
}

// BenchmarkCheckOverdue is BenchmarkCheck on a day when thousands of the
// corpus's open actions are overdue: each warning is positioned
// (load.Locate reads and parses its file again) and printed with its
// source line, as `agora check` does on a real date.
func BenchmarkCheckOverdue(b *testing.B) {
	benchmarkCheck(b, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), func(b *testing.B, p *site.Project) {
		if _, warns := p.Diags.Count(); warns == 0 {
			b.Fatal("check: no overdue warnings; want thousands")
		}
	})
}

func benchmarkCheck(b *testing.B, today time.Time, verify func(*testing.B, *site.Project)) {
	dir := corpusDir(b)
	open := func() *site.Project {
		p, err := site.Open(context.Background(), site.Options{Source: dir, Today: today})
		if err != nil {
			b.Fatal(err)
		}
		mustBeClean(b, "check", p.Diags)
		pr := diag.Printer{Format: "text", ReadFile: p.Root.ReadFile}
		if err := pr.Print(io.Discard, p.Diags); err != nil {
			b.Fatal(err)
		}
		p.Close()
		return p
	}
	verify(b, open()) // warms the page cache, and checks what the corpus gives
	b.ReportAllocs()
	for b.Loop() {
		open()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchEntries, "ns/entry")
}
