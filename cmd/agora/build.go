package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

func runBuild(ctx context.Context, c *cli, args []string) error {
	fs, source := c.flags("build")
	out := fs.String("out", "public", "the output `folder`; replaced whole, only when the build succeeds")
	baseURL := fs.String("base-url", "", "publish under this `URL` instead of site.toml's base_url")
	drafts := fs.Bool("drafts", false, "include entries marked draft = true")
	checkLinks := fs.Bool("check-links", false, "fail, leaving the previous output, if an internal link or anchor leads nowhere")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file`")
	memProfile := fs.String("memprofile", "", "write a heap profile to `file` at the end")
	timings := fs.Bool("timings", false, "print how long each stage took")
	positional, done, err := c.parse(fs, args)
	if done {
		return err
	}
	if err := noArgs("build", positional); err != nil {
		return err
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, c)
	}
	tuneGC()
	start := time.Now()
	p, err := site.Open(ctx, site.Options{Source: *source, Drafts: *drafts, Today: today(), History: true, PlaceWarningsLater: true})
	if err != nil {
		return &exitError{exitUsage, err.Error()}
	}
	defer p.Close()
	if len(p.Diags) > 0 {
		// Every error, and the first few warnings of each kind: agora
		// check lists them all.
		start := site.StartStage()
		pr := diag.Printer{Color: isTerminal(c.stderr), ReadFile: p.Root.ReadFile}
		pr.PrintSummary(c.stderr, p.Diags, p.Place)
		p.Timings.Since("print problems", start)
	}
	if p.Diags.HasErrors() {
		fmt.Fprintln(c.stderr, "agora: nothing was written; the previous output is unchanged")
		return errContent
	}
	res, err := p.Build(ctx, site.BuildOptions{Out: *out, BaseURL: *baseURL, CheckLinks: *checkLinks})
	for _, w := range res.Warnings {
		fmt.Fprintln(c.stderr, "agora: warning:", w)
	}
	if err != nil {
		return err
	}
	unchanged := ""
	if res.Unchanged > 0 {
		unchanged = fmt.Sprintf(" (%d unchanged)", res.Unchanged)
	}
	fmt.Fprintf(c.stdout, "built %s into %s: %s%s, %.1f MB in %s\n",
		entries(len(p.Content.Entries)), *out, files(res.Files), unchanged, float64(res.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	if *timings {
		p.Timings.Print(c.stdout)
	}
	return nil
}

// tuneGC lets the heap grow further between collections than Go's
// default: a build allocates many times what it keeps (every template
// action allocates), so collecting less often saves CPU, and the soft
// memory limit makes collection eager again before memory runs short.
// At 100,000 entries the limit, not GOGC, paces collection while pages
// render; in a build with a limit of 1,450 MiB it collected as often
// (23 times) and peak memory rose to 1.43 GiB, too close to 1.5 GiB
// (2026-11-23). GOGC and GOMEMLIMIT, when set, win. The heap is then
// reserved in huge pages up to the limit (hugepages_linux.go).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1400 << 20) // peak RSS stays under 1.5 GiB at 100,000 entries
	}
	reserveHugePages(debug.SetMemoryLimit(-1))
}
