package serve

import (
	"bytes"
	"embed"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
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
	files, problem, base := s.files, s.problem, s.basePath
	s.mu.RUnlock()
	if !strings.HasPrefix(r.URL.Path, base) {
		if r.URL.Path == "/" || r.URL.Path+"/" == base {
			http.Redirect(w, r, base, http.StatusFound)
			return
		}
		s.notFound(w, files, problem)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, base)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	b, ok := files[name]
	if !ok {
		if _, dir := files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, files, problem)
		return
	}
	s.write(w, name, b, problem, http.StatusOK)
}

func (s *Server) notFound(w http.ResponseWriter, files map[string][]byte, problem string) {
	b, ok := files["404.html"]
	if !ok {
		b = []byte("<!doctype html><title>Not found</title><h1>Not found</h1>")
	}
	s.write(w, "404.html", b, problem, http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, name string, b []byte, problem string, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
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
