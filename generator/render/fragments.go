package render

import (
	"fmt"
	"html/template"
	"strings"
)

// The lists that repeat on almost every page (links to entries, topic
// chips, cards) are written here in Go, one call per list instead of a
// dozen template actions per item: on a 10,000-entry network that was
// most of the rendering time. The markup is byte for byte what the
// partials in themes/default/templates/partials/cards.html and meta.html
// made before, escaped exactly as html/template escapes it (a fuzz test
// compares the two), so it is as safe. A theme that wants other markup
// overrides those partials with its own template loop.

// Links is the entries as links separated by commas (the "links" partial).
func (p *Page) Links(entries []*Entry) template.HTML {
	var b strings.Builder
	defer p.s.fragmentSizes.links.grow(&b, len(entries))()
	for i, e := range entries {
		if i > 0 {
			b.WriteString(", ")
		}
		p.writeLink(&b, e, true)
	}
	return template.HTML(b.String())
}

// Chips is the entries as a list of chips (the "topic-chips" partial).
func (p *Page) Chips(entries []*Entry) template.HTML {
	if len(entries) == 0 {
		return ""
	}
	var b strings.Builder
	defer p.s.fragmentSizes.chips.grow(&b, len(entries))()
	b.WriteString(`<ul class="chips">`)
	for _, e := range entries {
		b.WriteString("<li>")
		p.writeLink(&b, e, false)
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return template.HTML(b.String())
}

// Cards is the entries as cards with their subtitles (the "card-list"
// partial).
func (p *Page) Cards(entries []*Entry) template.HTML {
	var b strings.Builder
	defer p.s.fragmentSizes.cards.grow(&b, len(entries))()
	b.WriteString(`<ul class="cards">`)
	for _, e := range entries {
		b.WriteString("\n<li")
		if e.lang != "" {
			b.WriteString(` lang="`)
			escapeHTML(&b, e.lang)
			b.WriteByte('"')
		}
		b.WriteByte('>')
		p.writeLink(&b, e, false)
		if sub := p.s.subtitleOf(e); sub != "" {
			b.WriteString(`<span class="sub">`)
			escapeHTML(&b, sub)
			b.WriteString("</span>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("\n</ul>")
	return template.HTML(b.String())
}

// writeLink writes <a href="…">Title</a>, with lang="…" when asked and
// the entry's language differs from the site's.
func (p *Page) writeLink(b *strings.Builder, e *Entry, withLang bool) {
	b.WriteString(`<a href="`)
	escapeURLAttr(b, p.Href(e))
	b.WriteByte('"')
	if withLang && e.lang != "" {
		b.WriteString(` lang="`)
		escapeHTML(b, e.lang)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	escapeHTML(b, e.title)
	b.WriteString("</a>")
}

// escapeHTML writes s as html/template writes a string in text or in a
// quoted attribute value.
func escapeHTML(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		repl := htmlReplacement(s[i])
		if repl == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	b.WriteString(s[written:])
}

// escapeURLAttr writes s as html/template writes a string in a quoted
// href: a URL with a scheme other than http, https or mailto becomes
// "#ZgotmplZ", the rest is percent-encoded where needed and escaped.
func escapeURLAttr(b *strings.Builder, s string) {
	if !safeURL(s) {
		b.WriteString("#ZgotmplZ")
		return
	}
	var n strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if n.Len() == 0 && written == 0 {
			n.Grow(len(s) + 16)
		}
		n.WriteString(s[written:i])
		fmt.Fprintf(&n, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		escapeHTML(b, s)
		return
	}
	n.WriteString(s[written:])
	escapeHTML(b, n.String())
}

// safeURL is html/template's test of a URL in an attribute: no scheme,
// or http, https or mailto.
func safeURL(s string) bool {
	protocol, _, ok := strings.Cut(s, ":")
	if !ok || strings.Contains(protocol, "/") {
		return true
	}
	return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
