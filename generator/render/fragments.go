package render

import (
	"bytes"
	"html/template"
	"unsafe"
)

// The lists that repeat on almost every page (links to entries, topic
// chips, cards) are written here in Go, one call per list instead of a
// dozen template actions per item: on a 10,000-entry network that was
// most of the rendering time. The markup is byte for byte what the
// partials in themes/default/templates/partials/cards.html and meta.html
// made before, escaped exactly as html/template escapes it (a fuzz test
// compares the two), so it is as safe. A theme that wants other markup
// overrides those partials with its own template loop.
//
// Compiled templates call the write* forms, which write into the page's
// own buffer (see Writers); html/template calls Links, Chips and Cards,
// which write the same into a string.

// Links is the entries as links separated by commas (the "links" partial).
func (p *Page) Links(entries []*Entry) template.HTML {
	return p.fragment(&p.s.fragmentSizes.links, p.writeLinks, entries)
}

// Chips is the entries as a list of chips (the "topic-chips" partial).
func (p *Page) Chips(entries []*Entry) template.HTML {
	return p.fragment(&p.s.fragmentSizes.chips, p.writeChips, entries)
}

// Cards is the entries as cards with their subtitles (the "card-list"
// partial).
func (p *Page) Cards(entries []*Entry) template.HTML {
	return p.fragment(&p.s.fragmentSizes.cards, p.writeCards, entries)
}

// fragment is what write writes, as a string of trusted HTML.
func (p *Page) fragment(size *sizeGuess, write func(*bytes.Buffer, []*Entry), entries []*Entry) template.HTML {
	var b bytes.Buffer
	learn := size.grow(&b, len(entries))
	write(&b, entries)
	learn()
	// b is dropped here: its bytes become the string without a copy.
	return template.HTML(unsafe.String(unsafe.SliceData(b.Bytes()), b.Len()))
}

func (p *Page) writeLinks(w *bytes.Buffer, entries []*Entry) {
	for i, e := range entries {
		if i > 0 {
			w.WriteString(", ")
		}
		p.writeLink(w, e, true)
	}
}

func (p *Page) writeChips(w *bytes.Buffer, entries []*Entry) {
	if len(entries) == 0 {
		return
	}
	w.WriteString(`<ul class="chips">`)
	for _, e := range entries {
		w.WriteString("<li>")
		p.writeLink(w, e, false)
		w.WriteString("</li>")
	}
	w.WriteString("</ul>")
}

func (p *Page) writeCards(w *bytes.Buffer, entries []*Entry) {
	w.WriteString(`<ul class="cards">`)
	for _, e := range entries {
		w.WriteString("\n<li")
		if e.lang != "" {
			w.WriteString(` lang="`)
			writeEscaped(w, e.lang)
			w.WriteByte('"')
		}
		w.WriteByte('>')
		p.writeLink(w, e, false)
		if sub := p.s.subtitleHTMLOf(e); sub != "" {
			w.WriteString(`<span class="sub">`)
			w.WriteString(sub)
			w.WriteString("</span>")
		}
		w.WriteString("</li>")
	}
	w.WriteString("\n</ul>")
}

// writeLink writes <a href="…">Title</a>, with lang="…" when asked and
// the entry's language differs from the site's.
func (p *Page) writeLink(w *bytes.Buffer, e *Entry, withLang bool) {
	w.WriteString(`<a href="`)
	p.writeHref(w, e.path)
	w.WriteByte('"')
	if withLang && e.lang != "" {
		w.WriteString(` lang="`)
		writeEscaped(w, e.lang)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	w.WriteString(e.titleHTML)
	w.WriteString("</a>")
}
