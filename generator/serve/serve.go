// Package serve is the live preview: it builds the site in memory, serves
// it on this machine, rebuilds when a source file changes and tells open
// browsers to reload. A broken file shows as an overlay while the last
// good site stays served.
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
	opts     Options
	ln       net.Listener
	addr     string // where it listens, once Listen returned
	basePath string // "/network/": the path of base_url, where the site is served

	mu      sync.RWMutex
	files   map[string][]byte
	problem string // text of the diagnostics or error of the last failed build
	events  *broker
}

// New makes a server; Run builds and serves.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, basePath: "/", events: newBroker()}
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
	fmt.Fprintf(s.opts.Log, "serving %s on http://%s%s (only this machine can reach it; --bind 0.0.0.0 to share it on your network)\n",
		s.opts.Source, s.addr, s.basePath)
	if err := srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(s.opts.Log, "stopped")
	return nil
}

// rebuild builds the whole site in memory; on failure the last good
// files stay and the problem is shown in the browser and the terminal.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	start := time.Now()
	files, problem, basePath := s.build(ctx)
	s.mu.Lock()
	if problem == "" {
		cssOnly := s.files != nil && onlyStyles(changed)
		s.files, s.problem, s.basePath = files, "", basePath
		s.mu.Unlock()
		fmt.Fprintf(s.opts.Log, "built in %s%s\n", time.Since(start).Round(time.Millisecond), describe(changed))
		if cssOnly {
			s.events.send("css", "")
		} else {
			s.events.send("reload", "")
		}
		return
	}
	s.problem = problem
	s.mu.Unlock()
	fmt.Fprintf(s.opts.Log, "build failed%s; still serving the last good site:\n%s", describe(changed), problem)
	s.events.send("problem", problem)
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

func (s *Server) build(ctx context.Context) (map[string][]byte, string, string) {
	p, err := site.Open(ctx, site.Options{Source: s.opts.Source, Drafts: s.opts.Drafts, Today: s.opts.Today, History: true})
	if err != nil {
		return nil, err.Error() + "\n", ""
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		var buf bytes.Buffer
		diag.Printer{Format: "text", ReadFile: p.Root.ReadFile}.Print(&buf, p.Diags)
		return nil, buf.String(), ""
	}
	basePath := p.Site.BasePath()
	files, err := p.BuildMemory(ctx, "http://"+s.addr+basePath)
	if err != nil {
		return nil, err.Error() + "\n", ""
	}
	return files, "", basePath
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
