package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/agora-community/agora/generator/schema"
)

// Job is one output file: its path under the output folder and how to
// write its bytes.
type Job struct {
	Path string // slash-separated, "members/ana/index.html"
	// Render writes the file to w; on an error, w may hold part of it,
	// so render into a buffer.
	Render func(w io.Writer) error
}

// Jobs lists every file of the site, in a stable order: the lists, feeds
// and other files first, the entries' pages last. Workers take jobs in
// this order, so the few large files (the actions and minutes lists, the
// calendar, the sitemap) are not left to one core while the other waits
// at the end.
func (s *Site) Jobs() []Job {
	strs := s.theme.Strings
	jobs := []Job{s.pageJob(s.newPage("home", s.in.Config.Title, ""), "home")}
	jobs = append(jobs, s.impactJobs()...)
	for _, l := range s.listSpecs() {
		s.listPages(l, func(pg *Page) { jobs = append(jobs, s.pageJob(pg, l.names...)) })
	}
	jobs = append(jobs, s.directoryJobs()...)
	jobs = append(jobs,
		s.pageJob(s.newPage("search", strs.T("search"), "search/"), "search"),
		s.fileJob("404.html", s.newPage("404", strs.T("not_found"), "404.html"), "404"),
		Job{"feed.xml", s.feed},
		Job{"calendar.ics", s.calendar},
	)
	if s.multilingual() {
		jobs = append(jobs, s.pageJob(s.newPage("translations", strs.T("translations"), "translations/"), "translations"))
	}
	if s.lang.Prefix == "" { // files of the whole site, written once
		jobs = append(jobs, Job{"_headers", s.headers})
		jobs = append(jobs, s.sitemapJobs()...)
		for name, p := range s.assets {
			b := s.theme.static[name]
			jobs = append(jobs, Job{p, func(w io.Writer) error { _, err := w.Write(b); return err }})
		}
	}
	for _, t := range s.in.Schema.Types {
		for _, e := range s.byType[t.Name] {
			v := s.view(e)
			pg := s.newPage("entry", v.Title(), v.Path())
			pg.Entry, pg.Type = v, t
			jobs = append(jobs, s.pageJob(pg, t.Name, "entry"))
		}
	}
	return jobs
}

// listed reports whether a type has a list page: types published at the
// site root (free pages) have none.
func listed(t *schema.Type) bool { return strings.Count(t.Path, "/") > 2 }

func (s *Site) pageJob(pg *Page, names ...string) Job {
	return s.fileJob(pg.Path+"index.html", pg, names...)
}

func (s *Site) fileJob(path string, pg *Page, names ...string) Job {
	return Job{path, func(w io.Writer) error {
		t, name := s.theme.page(names...)
		if t == nil {
			return fmt.Errorf("theme: no template among %s", strings.Join(names, ", "))
		}
		// w is the build's buffer for this file, dropped if this fails.
		if page := s.theme.compiled(name); page != nil {
			if err := s.renderCompiled(w, name, page, pg); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			return nil
		}
		if err := t.ExecuteTemplate(w, "base", pg); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}}
}

// headers is the _headers file that Netlify, Cloudflare Pages and others
// read: the same Content-Security-Policy as the pages' meta tag, plus what
// only a header can say.
func (s *Site) headers(w io.Writer) error {
	_, err := fmt.Fprintf(w, "/*\n  Content-Security-Policy: %s; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n", CSP)
	return err
}

// CSP allows only the site's own scripts and styles: the default theme
// has no inline script, style attribute or event handler.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'self'"

// Policy is the CSP for the page's meta tag.
func (p *Page) Policy() string { return CSP }

// Body renders the page's entry body (empty for other pages).
func (p *Page) Body() (template.HTML, error) {
	if p.Entry == nil {
		return "", nil
	}
	return p.Entry.Body()
}
