package render

// UseHTMLTemplate makes every page render through html/template (on) or
// through the compiled templates where they apply (off), for tests that
// compare the two.
func UseHTMLTemplate(on bool) { htmlTemplateOnly.Store(on) }

// CompiledRenders is how many pages rendered through compiled templates.
func CompiledRenders() int64 { return compiledRenders.Load() }

// EntryPage is the page of a published entry, for tests of its methods.
func (s *Site) EntryPage(e *Entry) *Page {
	pg := s.newPage("entry", e.Title(), e.Path())
	pg.Entry, pg.Type = e, e.Type()
	return pg
}

// SetMaxSitemapURLs sets how many URLs one sitemap file holds, until the
// returned function restores it.
func SetMaxSitemapURLs(n int) (restore func()) {
	old := maxSitemapURLs
	maxSitemapURLs = n
	return func() { maxSitemapURLs = old }
}
