package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/paginate"
	"github.com/agora-community/agora/generator/translate"
)

// maxSitemapURLs is how many URLs one sitemap file may hold
// (sitemaps.org): a larger site's /sitemap.xml is an index of files of
// that many, sitemap-1.xml, sitemap-2.xml, …, which search engines read
// instead of refusing the whole list.
var maxSitemapURLs = 50_000

// sitemapJobs are /sitemap.xml and, past maxSitemapURLs, its parts.
func (s *Site) sitemapJobs() []Job {
	n := 0
	s.eachSitemapPage(func(string, *load.Entry) { n++ })
	n *= max(1, len(s.opts.Languages)) // a URL for each language of each page
	if n <= maxSitemapURLs {
		return []Job{{"sitemap.xml", func(w io.Writer) error { return s.sitemap(w, 0, n) }}}
	}
	parts := (n + maxSitemapURLs - 1) / maxSitemapURLs
	jobs := []Job{{"sitemap.xml", func(w io.Writer) error { return s.sitemapIndex(w, parts) }}}
	for i := range parts {
		from, to := i*maxSitemapURLs, min(n, (i+1)*maxSitemapURLs)
		jobs = append(jobs, Job{sitemapPart(i), func(w io.Writer) error { return s.sitemap(w, from, to) }})
	}
	return jobs
}

func sitemapPart(i int) string { return "sitemap-" + strconv.Itoa(i+1) + ".xml" }

// eachSitemapPage calls page for every HTML page a sitemap lists, in its
// order: with the path of a list, or with the entry whose page it is. An
// entry's view is left to the caller, which counts or skips most pages.
func (s *Site) eachSitemapPage(page func(listPath string, e *load.Entry)) {
	page("", nil)
	page("impact/", nil)
	if s.multilingual() {
		page("translations/", nil)
	}
	specs := s.listSpecs()
	pages := func(l listSpec) {
		for n := 1; n <= paginate.Pages(l.total, s.pageSize()); n++ {
			page(paginate.Path(l.base, n), nil)
		}
	}
	for _, t := range s.in.Schema.Types {
		for _, l := range specs {
			if l.kind == "index" && l.typ == t {
				pages(l)
			}
		}
		for _, e := range s.byType[t.Name] {
			page("", e)
		}
	}
	for _, l := range specs {
		if l.kind != "index" {
			pages(l)
		}
	}
}

// sitemap lists the HTML pages from-th to to-th (excluded) of
// eachSitemapPage by their absolute URLs; a site in several languages
// lists each page in each language, with the page's alternates.
func (s *Site) sitemap(w io.Writer, from, to int) error {
	type image struct {
		Loc string `xml:"http://www.google.com/schemas/sitemap-image/1.1 loc"`
	}
	type link struct {
		Rel      string `xml:"rel,attr"`
		HrefLang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc        string  `xml:"loc"`
		LastMod    string  `xml:"lastmod,omitempty"`
		Alternates []link  `xml:"xhtml:link"`
		Images     []image `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
	}
	urls := make([]url, 0, to-from)
	langs := s.opts.Languages
	if !s.multilingual() {
		langs = []translate.Language{s.lang}
	}
	i := 0
	s.eachSitemapPage(func(p string, e *load.Entry) {
		if i+len(langs) <= from || i >= to {
			i += len(langs)
			return
		}
		u := url{}
		if e != nil {
			v := s.view(e)
			p = v.Path()
			if c := s.lastChange(v); c != nil {
				u.LastMod = c.Date.Format(time.DateOnly) // the page's "last changed" line: Git, updated, or the file's time
			}
			for _, img := range v.Pictures() {
				u.Images = append(u.Images, image{s.fileURL(img.Src())})
			}
		}
		var alternates []link
		for _, a := range s.alternates(p) {
			alternates = append(alternates, link{"alternate", a.Code, a.URL})
		}
		for _, l := range langs {
			if i >= from && i < to {
				u.Loc, u.Alternates = s.rootURL.String()+l.Prefix+p, alternates
				urls = append(urls, u)
			}
			i++
		}
	})
	set := struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
		URLs    []url    `xml:"url"`
	}{URLs: urls}
	if s.multilingual() {
		set.XHTML = "http://www.w3.org/1999/xhtml"
	}
	return writeXML(w, set)
}

// sitemapIndex lists the parts of a sitemap by their absolute URLs.
func (s *Site) sitemapIndex(w io.Writer, parts int) error {
	type part struct {
		Loc string `xml:"loc"`
	}
	list := make([]part, parts)
	for i := range list {
		list[i].Loc = s.base.String() + sitemapPart(i)
	}
	return writeXML(w, struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Parts   []part   `xml:"sitemap"`
	}{Parts: list})
}

// writeXML writes v as an XML document, indented by one space per level.
func writeXML(w io.Writer, v any) error {
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(v)
}

// feed is an Atom feed of the latest minutes.
func (s *Site) feed(w io.Writer) error {
	type link struct {
		Href   string `xml:"href,attr"`
		Rel    string `xml:"rel,attr,omitempty"`
		Type   string `xml:"type,attr,omitempty"`
		Length int64  `xml:"length,attr,omitempty"`
	}
	type content struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	}
	type entry struct {
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Summary string   `xml:"summary,omitempty"`
		Content *content `xml:"content,omitempty"`
	}
	minutes := s.Entries("minutes")
	slices.SortStableFunc(minutes, func(a, b *Entry) int { return b.Time("date").Compare(a.Time("date")) })
	minutes = minutes[:min(20, len(minutes))]
	updated := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	var entries []entry
	for _, m := range minutes {
		d := latest(m.Time("date"), m.Time("updated"))
		if d.After(updated) {
			updated = d
		}
		e := entry{Title: m.Title(), ID: s.base.String() + m.Path(), Links: []link{{Href: s.base.String() + m.Path()}},
			Updated: d.Format(time.RFC3339), Summary: strings.Join(m.List("decisions"), " · ")}
		if pics := m.Pictures(); len(pics) > 0 {
			// The first photo, as feed readers show it: in the content, at
			// a phone's width, and as an enclosure of its widest copy.
			img, c := pics[0], pics[0].copies[0]
			e.Content = &content{Type: "html", Text: fmt.Sprintf(`<p><img src="%s" alt="%s" width="%d" height="%d"></p>`,
				html.EscapeString(s.fileURL(c.path)), html.EscapeString(img.Alt), c.width, c.width*img.Height/img.Width)}
			if e.Summary != "" {
				e.Content.Text += "<p>" + html.EscapeString(e.Summary) + "</p>"
			}
			widest := img.copies[len(img.copies)-1]
			e.Links = append(e.Links, link{Href: s.fileURL(widest.path), Rel: "enclosure", Type: widest.kind.MIME(), Length: widest.size})
		}
		if s.multilingual() {
			e.Lang = m.Lang() // an entry shown in its original's language
		}
		entries = append(entries, e)
	}
	feedLang := ""
	if s.multilingual() {
		feedLang = s.lang.Code
	}
	return writeXML(w, struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Entries []entry  `xml:"entry"`
	}{Lang: feedLang, Title: s.in.Config.Title + " — " + s.theme.Strings.T("nav_minutes"), ID: s.base.String(),
		Links:   []link{{Href: s.base.String() + "feed.xml", Rel: "self"}, {Href: s.base.String()}},
		Updated: updated.Format(time.RFC3339), Author: s.in.Config.Title, Entries: entries})
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// calendar is an iCalendar (RFC 5545) file of every meeting.
func (s *Site) calendar(w io.Writer) error {
	out, direct := w.(*bytes.Buffer)
	if !direct {
		out = new(bytes.Buffer)
	}
	minutes := s.Entries("minutes")
	out.Grow(s.calendarSizeEstimate(minutes))
	c := &icsWriter{out: out}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//Agora//Knowledge base//EN")
	c.line("CALSCALE:GREGORIAN")
	c.prop("X-WR-CALNAME", s.in.Config.Title)
	for _, m := range minutes {
		start := m.Time("date")
		if start.IsZero() {
			continue
		}
		end := m.Time("end_date")
		if end.IsZero() {
			end = start
		}
		s.beginEvent(c, "", m, start, end)
		if loc := m.S("location"); loc != "" {
			c.prop(s.textProperty("LOCATION", m), loc)
		}
		if d := m.List("decisions"); len(d) > 0 {
			c.linesProp(s.textProperty("DESCRIPTION", m), d)
		}
		s.endEvent(c, m)
	}
	s.calendarExchanges(c)
	c.line("END:VCALENDAR")
	if direct {
		return nil
	}
	_, err := w.Write(out.Bytes())
	return err
}

// calendarExchanges adds the exchanges that were held, on the day they
// were: the calendar of a network's learning, not only of its meetings.
func (s *Site) calendarExchanges(c *icsWriter) {
	for _, x := range s.Entries("exchange") {
		held := x.Time("held")
		if held.IsZero() || x.S("status") == "dropped" {
			continue
		}
		s.beginEvent(c, "exchange-", x, held, held)
		if outcome := x.S("outcome"); outcome != "" {
			c.prop(s.textProperty("DESCRIPTION", x), outcome)
		}
		s.endEvent(c, x)
	}
}

// beginEvent opens the event of an entry, from its first to its last
// day: its UID (the slug after a prefix that keeps two types' apart),
// dates and summary.
func (s *Site) beginEvent(c *icsWriter, uidPrefix string, e *Entry, start, end time.Time) {
	c.line("BEGIN:VEVENT")
	// Each language's calendar is its own: a reader subscribed to two
	// gets two events, each updated by its calendar only.
	c.line("UID:", s.lang.Prefix, uidPrefix, e.Slug(), "@", s.base.Host)
	c.timeLine("DTSTAMP:", latest(start, e.Time("updated")), "20060102T150405Z")
	c.timeLine("DTSTART;VALUE=DATE:", start, "20060102")
	c.timeLine("DTEND;VALUE=DATE:", end.AddDate(0, 0, 1), "20060102")
	c.prop(s.textProperty("SUMMARY", e), e.Title())
}

// textProperty is the name of a text property of an entry's event, with,
// on the calendars of a site in several languages, the language of its
// text (RFC 5545 section 3.2.10): the page's, or the untranslated
// original's.
func (s *Site) textProperty(name string, e *Entry) string {
	if !s.multilingual() {
		return name
	}
	return name + ";LANGUAGE=" + cmp.Or(e.Lang(), s.lang.Code)
}

// endEvent closes an entry's event with the URL of its page.
func (s *Site) endEvent(c *icsWriter, e *Entry) {
	c.line("URL:", s.baseURL, e.Path())
	c.line("END:VEVENT")
}

// calendarSizeEstimate is a little more than the bytes calendar writes:
// the calendar is among the biggest files of a build, and a buffer grown
// by doubling to hold it would allocate about twice its size.
func (s *Site) calendarSizeEstimate(minutes []*Entry) int {
	const eventLines = 160 // BEGIN, END and the names and dates of the lines
	size := 128 + len(s.in.Config.Title)
	for _, m := range minutes {
		text := len(m.Title()) + len(m.S("location"))
		if decisions, ok := m.F("decisions").([]any); ok {
			for _, d := range decisions {
				if ds, ok := d.(string); ok {
					text += len(ds) + 2
				} else {
					text += 16 // a number or a date, as List writes it
				}
			}
		}
		// Folds add 3 octets per 74, escapes some more.
		if s.multilingual() {
			size += len(s.lang.Prefix) + 3*(len(";LANGUAGE=")+len(cmp.Or(m.Lang(), s.lang.Code)))
		}
		size += eventLines + len(m.Slug()) + len(s.base.Host) + len(s.baseURL) + len(m.Path()) + text + text/16
	}
	return size
}

// icsLineOctets is the most a content line may hold before it is folded
// (RFC 5545 section 3.1), CRLF not counted.
const icsLineOctets = 75

// icsWriter writes content lines straight into the calendar's buffer:
// each line is written whole, then folded in place.
type icsWriter struct {
	out *bytes.Buffer
}

// prop writes a text property, escaped as RFC 5545 section 3.3.11 says.
// Control characters other than tab may not appear in a content line
// (section 3.1): line breaks become \n, the others are dropped.
func (c *icsWriter) prop(name, text string) {
	start := c.out.Len()
	c.out.WriteString(name)
	c.out.WriteByte(':')
	c.writeText(text)
	c.endLine(start)
}

// linesProp writes a text property of lines, as prop writes them joined
// by line breaks, without joining them.
func (c *icsWriter) linesProp(name string, lines []string) {
	start := c.out.Len()
	c.out.WriteString(name)
	c.out.WriteByte(':')
	for i, l := range lines {
		if i > 0 {
			c.out.WriteString(`\n`)
		}
		if i < len(lines)-1 {
			l = strings.TrimSuffix(l, "\r") // a CR before the join is part of its line break
		}
		c.writeText(l)
	}
	c.endLine(start)
}

// writeText writes text escaped as prop says, copying the runs that need
// no escaping as they are.
func (c *icsWriter) writeText(text string) {
	written := 0
	for i := 0; i < len(text); i++ {
		ch := text[i]
		if icsTextKept[ch] {
			continue
		}
		if ch >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(text[i:]); r != utf8.RuneError || size > 1 {
				i += size - 1
				continue
			}
			c.out.WriteString(text[written:i])
			c.out.WriteString("\uFFFD") // in place of an invalid byte
			written = i + 1
			continue
		}
		c.out.WriteString(text[written:i])
		written = i + 1
		switch {
		case ch == '\\' || ch == ';' || ch == ',':
			c.out.WriteByte('\\')
			c.out.WriteByte(ch)
		case ch == '\r' && i+1 < len(text) && text[i+1] == '\n':
			// CRLF is one line break: the \n that follows writes it.
		case ch == '\n' || ch == '\r':
			c.out.WriteString(`\n`)
		}
		// Other control characters are dropped.
	}
	c.out.WriteString(text[written:])
}

// icsTextKept is the ASCII bytes a text value holds as they are.
var icsTextKept = func() (kept [256]bool) {
	for ch := range utf8.RuneSelf {
		kept[ch] = ch >= ' ' && ch != 0x7f || ch == '\t'
	}
	for _, ch := range `\;,` {
		kept[ch] = false
	}
	return kept
}()

// line writes one content line made of parts, which it does not escape.
func (c *icsWriter) line(parts ...string) {
	start := c.out.Len()
	for _, p := range parts {
		c.out.WriteString(p)
	}
	c.endLine(start)
}

// timeLine writes a content line of a name and a time in layout.
func (c *icsWriter) timeLine(name string, t time.Time, layout string) {
	start := c.out.Len()
	c.out.WriteString(name)
	c.out.Write(t.AppendFormat(c.out.AvailableBuffer(), layout))
	c.endLine(start)
}

// endLine folds the content line written from start and ends it.
func (c *icsWriter) endLine(start int) {
	if c.out.Len()-start > icsLineOctets {
		c.fold(start)
	}
	c.out.WriteString("\r\n")
}

// fold folds the content line written from start at 75 octets, never
// inside a UTF-8 sequence: the line moves up by the bytes the folds add,
// then each piece moves back down, followed by its fold.
func (c *icsWriter) fold(start int) {
	folds := 0
	for line, limit := c.out.Bytes()[start:], icsLineOctets; len(line) > limit; limit = icsLineOctets - 1 {
		line = line[icsCut(line, limit):]
		folds++
	}
	for range folds {
		c.out.WriteString("\r\n ")
	}
	b := c.out.Bytes()
	from := start + 3*folds
	copy(b[from:], b[start:len(b)-3*folds])
	to := start
	for limit := icsLineOctets; len(b)-from > limit; limit = icsLineOctets - 1 { // the leading space counts
		cut := icsCut(b[from:], limit)
		to += copy(b[to:], b[from:from+cut])
		to += copy(b[to:], "\r\n ")
		from += cut
	}
	// Now to == from: the last piece is in place.
}

// icsCut is where a line longer than limit octets is folded: at the last
// character that starts at or before limit. A line that starts with
// more than limit octets of UTF-8 continuation bytes is cut at limit.
func icsCut(line []byte, limit int) int {
	cut := limit
	for cut > 0 && !utf8.RuneStart(line[cut]) {
		cut--
	}
	if cut == 0 {
		return limit
	}
	return cut
}

// JSONLD describes the page's entry in schema.org terms, for search
// engines: members as Organization or Person, minutes as Event, modules as
// Course. It is the JSON itself, as a template.JS, which html/template
// and the compiled templates both print as it is: written straight, it
// saves the maps encoding/json was given for every page, and it holds the
// same bytes json.Marshal wrote for them (keys sorted; <, >, &, U+2028
// and U+2029 escaped, so nothing in it can end the <script> element).
func (p *Page) JSONLD() any {
	e := p.Entry
	if e == nil {
		return nil
	}
	buf := jsonLDBufs.Get().(*bytes.Buffer)
	defer jsonLDBufs.Put(buf)
	buf.Reset()
	o := openJSONObject(buf)
	switch e.Type().Name {
	case "member":
		p.writeMemberJSONLD(&o, e)
	case "minutes":
		p.writeMinutesJSONLD(&o, e)
	case "module":
		p.writeModuleJSONLD(&o, e)
	default:
		return nil
	}
	o.close()
	return template.JS(buf.String())
}

// jsonLDBufs holds the buffers JSONLD writes in before it copies the
// JSON out: one per page being rendered at a time.
var jsonLDBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// The writers below give the keys in encoding/json's order: sorted bytewise.

func (p *Page) writeMemberJSONLD(o *jsonObject, e *Entry) {
	kind := "Organization"
	if e.S("kind") == "individual" {
		kind = "Person"
	}
	o.str("@context", "https://schema.org")
	o.str("@type", kind)
	if c := e.S("country"); c != "" {
		address := o.object("address")
		address.str("@type", "PostalAddress")
		address.str("addressCountry", c)
		address.str("addressRegion", e.S("region"))
		address.close()
	}
	if topics := e.Refs("offers"); len(topics) > 0 {
		o.titles("knowsAbout", topics)
	}
	if l := p.shownLanguage(e); l != "" {
		// schema.org gives an Organization or a Person no inLanguage:
		// the page describing it has one.
		page := o.object("mainEntityOfPage")
		page.str("@type", "WebPage")
		page.str("inLanguage", l)
		page.str("url", p.Canonical())
		page.close()
	}
	o.str("name", e.Title())
	if w := e.S("website"); w != "" {
		o.str("sameAs", w)
	}
	o.str("url", p.Canonical())
}

func (p *Page) writeMinutesJSONLD(o *jsonObject, e *Entry) {
	o.str("@context", "https://schema.org")
	o.str("@type", "Event")
	if end := e.S("end_date"); end != "" {
		o.str("endDate", end)
	}
	if mode := eventAttendanceMode(e.S("format")); mode != "" {
		o.str("eventAttendanceMode", mode)
	}
	o.str("eventStatus", "https://schema.org/EventScheduled")
	p.writeInLanguage(o, e)
	if loc := e.S("location"); loc != "" {
		place := o.object("location")
		place.str("@type", "Place")
		place.str("name", loc)
		place.close()
	}
	o.str("name", e.Title())
	o.str("startDate", e.S("date"))
	o.str("url", p.Canonical())
}

// writeInLanguage gives, on the pages of a site in several languages,
// the language the entry is shown in (see shownLanguage).
func (p *Page) writeInLanguage(o *jsonObject, e *Entry) {
	if l := p.shownLanguage(e); l != "" {
		o.str("inLanguage", l)
	}
}

// shownLanguage is, on the pages of a site in several languages, the
// language an entry is shown in: the page's, or its original's when it
// has no translation into the page's; "" on a site in one language.
func (p *Page) shownLanguage(e *Entry) string {
	if !p.s.multilingual() {
		return ""
	}
	if l := e.Lang(); l != "" {
		return l
	}
	return p.Lang()
}

// eventAttendanceMode is schema.org's name for a meeting's format, or "".
func eventAttendanceMode(format string) string {
	switch format {
	case "in-person":
		return "https://schema.org/OfflineEventAttendanceMode"
	case "virtual":
		return "https://schema.org/OnlineEventAttendanceMode"
	case "hybrid":
		return "https://schema.org/MixedEventAttendanceMode"
	}
	return ""
}

func (p *Page) writeModuleJSONLD(o *jsonObject, e *Entry) {
	o.str("@context", "https://schema.org")
	o.str("@type", "Course")
	if pre := e.Refs("prerequisites"); len(pre) > 0 {
		o.titles("coursePrerequisites", pre)
	}
	o.str("description", e.S("summary"))
	if l := e.S("language"); l != "" {
		o.str("inLanguage", l)
	} else {
		p.writeInLanguage(o, e)
	}
	if l := e.S("license"); l != "" {
		o.str("license", l)
	}
	o.str("name", e.Title())
	provider := o.object("provider")
	provider.str("@type", "Organization")
	provider.str("name", p.s.in.Config.Title)
	provider.str("url", p.s.baseURL)
	provider.close()
	if d, ok := e.F("duration_minutes").(int64); ok {
		o.isoMinutes("timeRequired", d)
	}
	o.str("url", p.Canonical())
}
