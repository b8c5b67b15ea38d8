package render

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// sitemap lists every HTML page by its absolute URL.
func (s *Site) sitemap(w io.Writer) error {
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	var urls []url
	add := func(p string, updated time.Time) {
		u := url{Loc: s.base.String() + p}
		if !updated.IsZero() {
			u.LastMod = updated.Format(time.DateOnly)
		}
		urls = append(urls, u)
	}
	add("", time.Time{})
	for _, t := range s.in.Schema.Types {
		if listed(t) {
			add(t.Folder+"/", time.Time{})
		}
		for _, e := range s.byType[t.Name] {
			v := s.view(e)
			var changed time.Time
			if c := s.lastChange(v); c != nil {
				changed = c.Date // the page's "last changed" line: Git, updated, or the file's time
			}
			add(v.Path(), changed)
		}
	}
	if s.in.Schema.Type("minutes") != nil {
		add("actions/", time.Time{})
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}{URLs: urls})
}

// feed is an Atom feed of the latest minutes.
func (s *Site) feed(w io.Writer) error {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary,omitempty"`
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
		entries = append(entries, entry{Title: m.Title(), ID: s.base.String() + m.Path(), Link: link{Href: s.base.String() + m.Path()},
			Updated: d.Format(time.RFC3339), Summary: strings.Join(m.List("decisions"), " · ")})
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	return enc.Encode(struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Entries []entry  `xml:"entry"`
	}{Title: s.in.Config.Title + " — " + s.theme.Strings.T("nav_minutes"), ID: s.base.String(),
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
	c := &icsWriter{w: w}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//Agora//Knowledge base//EN")
	c.line("CALSCALE:GREGORIAN")
	c.prop("X-WR-CALNAME", s.in.Config.Title)
	for _, m := range s.Entries("minutes") {
		start := m.Time("date")
		if start.IsZero() {
			continue
		}
		end := m.Time("end_date")
		if end.IsZero() {
			end = start
		}
		c.line("BEGIN:VEVENT")
		c.line("UID:" + m.Slug() + "@" + s.base.Host)
		c.line("DTSTAMP:" + latest(start, m.Time("updated")).Format("20060102T150405Z"))
		c.line("DTSTART;VALUE=DATE:" + start.Format("20060102"))
		c.line("DTEND;VALUE=DATE:" + end.AddDate(0, 0, 1).Format("20060102"))
		c.prop("SUMMARY", m.Title())
		if loc := m.S("location"); loc != "" {
			c.prop("LOCATION", loc)
		}
		if d := m.List("decisions"); len(d) > 0 {
			c.prop("DESCRIPTION", strings.Join(d, "\n"))
		}
		c.line("URL:" + s.base.String() + m.Path())
		c.line("END:VEVENT")
	}
	c.line("END:VCALENDAR")
	return c.err
}

type icsWriter struct {
	w   io.Writer
	err error
	buf []byte // reused for every line: a calendar has a few lines per meeting
}

// prop writes a text property, escaped as RFC 5545 section 3.3.11 says.
// Control characters other than tab may not appear in a content line
// (section 3.1): line breaks become \n, the others are dropped.
func (c *icsWriter) prop(name, text string) {
	value := make([]byte, 0, len(name)+1+len(text)+len(text)/8)
	value = append(append(value, name...), ':')
	for i := 0; i < len(text); i++ {
		switch ch := text[i]; {
		case ch == '\\' || ch == ';' || ch == ',':
			value = append(value, '\\', ch)
		case ch == '\r' && i+1 < len(text) && text[i+1] == '\n':
			// CRLF is one line break: the \n that follows writes it.
		case ch == '\n' || ch == '\r':
			value = append(value, '\\', 'n')
		case ch < ' ' && ch != '\t' || ch == 0x7f:
		case ch >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			value = utf8.AppendRune(value, r) // an invalid byte becomes U+FFFD
			i += size - 1
		default:
			value = append(value, ch)
		}
	}
	c.lineBytes(value)
}

// line writes one content line folded at 75 octets, never inside a UTF-8 sequence.
func (c *icsWriter) line(s string) {
	c.lineBytes([]byte(s))
}

func (c *icsWriter) lineBytes(s []byte) {
	if c.err != nil {
		return
	}
	b := c.buf[:0]
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b = append(append(b, s[:cut]...), "\r\n "...)
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b = append(append(b, s...), "\r\n"...)
	c.buf = b
	_, c.err = c.w.Write(b)
}

// JSONLD describes the page's entry in schema.org terms, for search
// engines: members as Organization or Person, minutes as Event, modules as
// Course. html/template encodes it as JSON, safe inside <script>.
func (p *Page) JSONLD() any {
	e := p.Entry
	if e == nil {
		return nil
	}
	url := p.Canonical()
	switch e.Type().Name {
	case "member":
		kind := "Organization"
		if e.S("kind") == "individual" {
			kind = "Person"
		}
		ld := map[string]any{"@context": "https://schema.org", "@type": kind, "name": e.Title(), "url": url}
		if w := e.S("website"); w != "" {
			ld["sameAs"] = w
		}
		if c := e.S("country"); c != "" {
			ld["address"] = map[string]any{"@type": "PostalAddress", "addressCountry": c, "addressRegion": e.S("region")}
		}
		if topics := titles(e.Refs("offers")); len(topics) > 0 {
			ld["knowsAbout"] = topics
		}
		return ld
	case "minutes":
		mode := map[string]string{"in-person": "OfflineEventAttendanceMode", "virtual": "OnlineEventAttendanceMode", "hybrid": "MixedEventAttendanceMode"}
		ld := map[string]any{"@context": "https://schema.org", "@type": "Event", "name": e.Title(), "url": url,
			"startDate": e.S("date"), "eventStatus": "https://schema.org/EventScheduled"}
		if end := e.S("end_date"); end != "" {
			ld["endDate"] = end
		}
		if m, ok := mode[e.S("format")]; ok {
			ld["eventAttendanceMode"] = "https://schema.org/" + m
		}
		if loc := e.S("location"); loc != "" {
			ld["location"] = map[string]any{"@type": "Place", "name": loc}
		}
		return ld
	case "module":
		ld := map[string]any{"@context": "https://schema.org", "@type": "Course", "name": e.Title(), "url": url,
			"description": e.S("summary"),
			"provider":    map[string]any{"@type": "Organization", "name": p.s.in.Config.Title, "url": p.s.base.String()}}
		if l := e.S("language"); l != "" {
			ld["inLanguage"] = l
		}
		if d, ok := e.F("duration_minutes").(int64); ok {
			ld["timeRequired"] = fmt.Sprintf("PT%dM", d)
		}
		if pre := titles(e.Refs("prerequisites")); len(pre) > 0 {
			ld["coursePrerequisites"] = pre
		}
		if l := e.S("license"); l != "" {
			ld["license"] = l
		}
		return ld
	}
	return nil
}

func titles(entries []*Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Title()
	}
	return out
}
