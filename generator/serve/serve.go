// Package serve is the live preview: it loads the site, serves it on this
// machine, rendering each page when it is first asked for, and when a
// source file changes reads again only what changed, drops the pages the
// change reaches and tells open browsers to reload. A broken file shows as
// an overlay while the last good site stays served.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

// Options say what to serve and where.
type Options struct {
	Source string
	Addr   string // host:port
	Drafts bool
	Today  time.Time
	Log    io.Writer
}

// Server holds the last good build and the current problem, if any.
type Server struct {
	opts    Options
	ln      net.Listener
	addr    string        // where it listens, once Listen returned
	session *site.Session // the sources as loaded; used by the watch loop only

	// reuseNone is set when a snapshot was made but not served, so that
	// the next build keeps no page: the snapshot said what changed since
	// that one, not since the build served.
	reuseNone bool

	mu      sync.RWMutex
	current *build // nil until a build succeeded
	problem string // text of the diagnostics or error of the last failed build
	// broken are the pages the current build cannot render while the
	// problem stands (see site.Report.BrokenPages).
	broken map[string]bool
	events *broker

	keepBytes int // of rendered pages, at most (pageCacheBytes)
}

// New makes a server; Run builds and serves.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, events: newBroker(), broken: map[string]bool{}, keepBytes: pageCacheBytes}
}

// Run listens, builds, watches and serves until ctx ends.
func (s *Server) Run(ctx context.Context) error {
	if err := s.Listen(); err != nil {
		return err
	}
	return s.Serve(ctx)
}

// Listen opens the port, so that a busy port is reported before anything
// is built. Addr tells the address afterwards (port 0 picks a free one).
func (s *Server) Listen() error {
	ln, err := net.Listen("tcp", s.opts.Addr)
	if err != nil {
		if strings.Contains(err.Error(), "address already in use") {
			return fmt.Errorf("%s is busy: another program (perhaps another agora serve) uses it; choose another with --port", s.opts.Addr)
		}
		return err
	}
	s.ln = ln
	s.addr = ln.Addr().String()
	return nil
}

// Addr is the address the server listens on, once Listen returned.
func (s *Server) Addr() string { return s.addr }

// Serve builds, watches and serves until ctx ends, then shuts down cleanly.
func (s *Server) Serve(ctx context.Context) error {
	s.rebuild(ctx, nil)
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		s.events.close()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	w, err := s.watch(ctx)
	if err != nil {
		s.ln.Close()
		return err
	}
	defer w.Close()
	defer func() {
		if s.session != nil {
			s.session.Close()
		}
	}()
	fmt.Fprintf(s.opts.Log, "serving %s on http://%s%s (only this machine can reach it; --bind 0.0.0.0 to share it on your network)\n",
		s.opts.Source, s.addr, s.basePath())
	if err := srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(s.opts.Log, "stopped")
	return nil
}

// rebuild brings the site up to date with the changed files (all of them
// on the first call): the session reads again what changed, and the pages
// it reached render again when asked for. On failure the last good build
// stays served and the problem is shown in the browser and the terminal.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	b, whole, problem, broken := s.build(ctx, changed)
	if problem != "" {
		s.mu.Lock()
		s.problem = problem
		for _, p := range broken {
			s.broken[p] = true
		}
		s.mu.Unlock()
		fmt.Fprintf(s.opts.Log, "build failed%s; still serving the last good site:\n%s", describe(changed), problem)
		s.events.send("problem", problem)
		return
	}
	s.mu.Lock()
	cssOnly := s.current != nil && onlyStyles(changed)
	s.current, s.problem, s.broken = b, "", map[string]bool{}
	s.mu.Unlock()
	what := "updated"
	if whole {
		what = "built"
	}
	fmt.Fprintf(s.opts.Log, "%s in %s%s\n", what, time.Since(start).Round(time.Millisecond), describe(changed))
	if cssOnly {
		s.events.send("css", "")
	} else {
		s.events.send("reload", "")
	}
}

func describe(changed []string) string {
	if len(changed) == 0 {
		return ""
	}
	if len(changed) > 3 {
		return fmt.Sprintf(" (%s and %d more changed)", strings.Join(changed[:3], ", "), len(changed)-3)
	}
	return " (" + strings.Join(changed, ", ") + " changed)"
}

// build updates the session and prepares the new build: after a whole
// load, a page of every kind is rendered to find template errors; after
// an edit, the edited entries' pages, which the browser asks for first.
func (s *Server) build(ctx context.Context, changed []string) (b *build, whole bool, problem string, broken []string) {
	if s.session == nil {
		sess, err := site.NewSession(site.Options{Source: s.opts.Source, Drafts: s.opts.Drafts, Today: s.opts.Today, History: true}, s.addr)
		if err != nil {
			return nil, true, err.Error() + "\n", nil
		}
		s.session = sess
	}
	snap, rep, err := s.session.Update(ctx, changed)
	for _, note := range rep.Notes {
		fmt.Fprintln(s.opts.Log, "warning: "+note)
	}
	if err != nil {
		return nil, rep.Whole, err.Error() + "\n", nil
	}
	printer := diag.Printer{Format: "text", ReadFile: s.session.ReadFile}
	if len(rep.Errors) > 0 {
		var buf bytes.Buffer
		printer.Print(&buf, rep.Errors)
		return nil, rep.Whole, buf.String(), rep.BrokenPages
	}
	printer.PrintSummary(s.opts.Log, rep.Warnings, s.session.Place)
	s.mu.RLock()
	prev := s.current
	s.mu.RUnlock()
	if s.reuseNone {
		prev = nil
	}
	b = newBuild(snap, prev, s.keepBytes)
	first := snap.EditedPages()
	if rep.Whole {
		first = b.samplePages()
	}
	if err := b.prerender(ctx, first); err != nil {
		s.reuseNone = true
		return nil, rep.Whole, err.Error() + "\n", snap.EditedPages()
	}
	s.reuseNone = false
	return b, rep.Whole, "", nil
}

// basePath is the path the site is served under: "/network/".
func (s *Server) basePath() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.current == nil {
		return "/"
	}
	return s.current.basePath
}

// onlyStyles reports whether every changed source file is a stylesheet,
// which browsers can swap without reloading the page.
func onlyStyles(changed []string) bool {
	for _, c := range changed {
		if !strings.HasSuffix(c, ".css") {
			return false
		}
	}
	return len(changed) > 0
}
