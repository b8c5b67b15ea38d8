package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/agora-community/agora/generator/media"
)

//go:embed client
var client embed.FS

const internal = "/__agora/"

// ServeHTTP serves the last good build under the base path, with the
// live-reload script and, while a build is broken, the error overlay.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, internal) {
		s.serveInternal(w, r)
		return
	}
	s.mu.RLock()
	b, problem, broken := s.current, s.problem, s.broken
	s.mu.RUnlock()
	if b == nil {
		s.notFound(w, nil, problem)
		return
	}
	if !strings.HasPrefix(r.URL.Path, b.basePath) {
		if r.URL.Path == "/" || r.URL.Path+"/" == b.basePath {
			http.Redirect(w, r, b.basePath, http.StatusFound)
			return
		}
		s.notFound(w, b, problem)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, b.basePath)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if problem != "" && broken[name] && !b.cached(name) {
		s.write(w, name, []byte(unavailable), problem, http.StatusOK)
		return
	}
	data, err := b.page(name)
	switch {
	case errors.Is(err, errNoPage):
		if b.has(name + "/index.html") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, b, problem)
	case err != nil:
		// A template that fails on this page only: shown like any other
		// problem, on this page, until a change renders it again.
		fmt.Fprintln(s.opts.Log, err)
		s.write(w, "error.html", []byte("<!doctype html><title>Error</title><body></body>"), problem+err.Error()+"\n", http.StatusInternalServerError)
	default:
		s.write(w, name, data, problem, http.StatusOK)
	}
}

// unavailable stands for a page whose file changed and has errors, when
// the last good build had not rendered it yet: it reads entry bodies from
// their files, so it cannot render it any more.
const unavailable = `<!doctype html><meta charset="utf-8"><title>Agora: this page has errors</title>` +
	`<body><main><h1>This page's file has errors</h1><p>Its last good version was not kept. Fix the file and save: this page updates by itself.</p></main></body>`

func (s *Server) notFound(w http.ResponseWriter, b *build, problem string) {
	var data []byte
	if b != nil {
		data, _ = b.page("404.html")
	}
	if data == nil {
		data = []byte("<!doctype html><title>Not found</title><h1>Not found</h1>")
	}
	s.write(w, "404.html", data, problem, http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, name string, b []byte, problem string, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		// A document or recording of an entry folder, of a kind the
		// system's table may lack (.ogg, .m4a, .odt).
		ctype = media.ByExt(path.Ext(name)).MIME()
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		b = inject(b, problem)
	}
	w.WriteHeader(status)
	w.Write(b)
}

// inject adds the reload script, and the overlay while a build is broken,
// before </body>. Both come from /__agora/, so the pages' CSP holds.
func inject(page []byte, problem string) []byte {
	var extra strings.Builder
	extra.WriteString(`<link rel="stylesheet" href="` + internal + `overlay.css"><script src="` + internal + `reload.js" defer></script>`)
	if problem != "" {
		extra.WriteString(overlay(problem))
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, extra.String()...)
	}
	out := make([]byte, 0, len(page)+extra.Len())
	out = append(out, page[:i]...)
	out = append(out, extra.String()...)
	return append(out, page[i:]...)
}

// overlay is the error panel: the diagnostics as the terminal shows them.
func overlay(problem string) string {
	return `<div id="agora-overlay" role="alertdialog" aria-labelledby="agora-overlay-title"><h2 id="agora-overlay-title">Agora: the last change has problems</h2>` +
		`<p>The site below is the last version that built. Fix the file and save: this page updates by itself.</p><pre>` +
		html.EscapeString(problem) + `</pre></div>`
}

func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, internal)
	switch name {
	case "events":
		s.events.serve(w, r, s.currentProblem())
		return
	case "reload.js", "overlay.css":
		b, _ := client.ReadFile("client/" + name)
		w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
		return
	}
	http.NotFound(w, r)
}

func (s *Server) currentProblem() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.problem
}
