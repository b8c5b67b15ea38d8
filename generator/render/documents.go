package render

import (
	"cmp"
	"fmt"
	"html"
	"runtime"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/search"
)

// searchOptions tune the index; keepDocument compacts with the same.
var searchOptions = search.Options{}

// SearchIndex builds the search index of every published entry, one
// document per entry, numbered in the schema's type order and each type's
// own order. Like the templates, it reads entries only through the
// schema: private and builtin fields are skipped at every depth, and
// references count only when they lead to a published entry, so no
// private value and no draft reaches the index.
//
// Weights: the title and a type's aliases high; other text fields
// (strings, texts, decisions, action tasks, objectives, names of the
// topics an entry is filed under) medium; the Markdown body and the names
// of the other entries it points at low. Enums, numbers, dates, URLs and
// emails are not indexed.
//
// With Options.IndexWhileRendering each entry page added its entry to the
// index as it rendered the body (streamindex.go); otherwise the page kept
// a compact document (keepDocument). Entries whose page did not render
// are made here, each indexed as soon as it is made, so no build holds
// the text of every entry at once.
func (s *Site) SearchIndex() (*search.Index, error) {
	entries := s.searchEntries()
	b, add := search.NewBuilder(len(entries), searchOptions), (*search.Builder).Add
	if s.streamed != nil {
		// Entries whose page rendered were added then; add the rest.
		b, add = s.streamed.index, s.addUnindexed
	}
	// The index keeps nothing of a document's fields: they can be lent.
	if err := s.eachSearchDocument(entries, true, func(i int, d search.Document) error { return add(b, i, d) }); err != nil {
		return nil, err
	}
	idx, err := b.Finish()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return idx, nil
}

// SearchDocuments returns the search documents SearchIndex indexes, for
// tools and benchmarks that build an index themselves (search.Build).
// Those kept while pages rendered come compacted.
func (s *Site) SearchDocuments() ([]search.Document, error) {
	entries := s.searchEntries()
	docs := make([]search.Document, len(entries))
	err := s.eachSearchDocument(entries, false, func(i int, d search.Document) error {
		docs[i] = d
		return nil
	})
	return docs, err
}

// searchEntries lists the published entries in the schema's type order
// and each type's own order: the documents' numbers.
func (s *Site) searchEntries() []*Entry {
	var entries []*Entry
	for _, t := range s.in.Schema.Types {
		for _, e := range s.byType[t.Name] {
			entries = append(entries, s.view(e))
		}
	}
	return entries
}

// eachSearchDocument calls fn with each entry's number and document, on
// every core. With lend set, a document made here has its fields and
// topics from a documentScratch, taken back when fn returns.
func (s *Site) eachSearchDocument(entries []*Entry, lend bool, fn func(i int, d search.Document) error) error {
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var sc *documentScratch // one per worker
			if lend {
				sc = new(documentScratch)
			}
			for i := w; i < len(entries); i += workers {
				d, lent, err := s.searchDocument(entries[i], sc)
				if err == nil {
					err = fn(i, d)
				}
				if lent {
					sc.takeBack(d)
				}
				errs[i] = err
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return &entryError{entries[i].File(), err}
		}
	}
	return nil
}

type entryError struct {
	file string
	err  error
}

func (e *entryError) Error() string { return e.file + ": " + e.err.Error() }
func (e *entryError) Unwrap() error { return e.err }

// keepDocument keeps the entry's search document, made from the body its
// page just rendered and compacted to what the index needs of it.
func (s *Site) keepDocument(v *Entry, html []byte, text string) {
	if s.streamed != nil {
		s.indexNow(v, html, text)
		return
	}
	s.docsMu.Lock()
	_, kept := s.docs[v.e]
	s.docsMu.Unlock()
	if kept {
		return // another page showed the same body
	}
	sc := getDocumentScratch()
	full := s.fillDocument(sc.document(), v, html, text)
	d := search.Compact(full, searchOptions)
	sc.release(full)
	s.docsMu.Lock()
	s.docs[v.e] = d
	s.docsMu.Unlock()
}

// searchDocument is the entry's kept document, which it hands over, or a
// new one. A new one is made with sc's slices if sc is not nil, and then
// lent is set.
func (s *Site) searchDocument(v *Entry, sc *documentScratch) (d search.Document, lent bool, err error) {
	if s.streamed != nil && s.streamed.done[s.streamed.number[v.e]].Load() {
		return search.Document{}, false, nil // in the index already
	}
	s.docsMu.Lock()
	d, ok := s.docs[v.e]
	delete(s.docs, v.e)
	s.docsMu.Unlock()
	if ok {
		return d, false, nil
	}
	h, text, err := s.body(v)
	if err != nil {
		text.giveBack()
		return search.Document{}, false, err
	}
	if sc != nil {
		sc.text = text // given back with the slices
		return s.fillDocument(sc.document(), v, h, text.String()), true, nil
	}
	// The document is the caller's to keep: its text must be its own.
	d = s.documentWithBody(v, h, strings.Clone(text.String()))
	text.giveBack()
	return d, false, nil
}

func (s *Site) documentWithBody(v *Entry, h []byte, text string) search.Document {
	return s.fillDocument(search.Document{}, v, h, text)
}

// fillDocument is documentWithBody adding the fields and topics to those
// of d, which has none: a documentScratch's, for a document that is
// indexed or compacted at once.
func (s *Site) fillDocument(d search.Document, v *Entry, h []byte, text string) search.Document {
	t := v.Type()
	d.Path, d.Title, d.Type, d.TypeLabel = v.Path(), v.Title(), t.Name, s.typeLabel(t)
	// Stemmed by its own language, else the site's.
	if d.Language = v.Lang(); d.Language == "" {
		d.Language = s.theme.Strings.Lang
	}
	if t.Name == schema.TopicType {
		d.TopicSlug = v.Slug()
		d.Topics = append(d.Topics, v.Slug())
	}
	d.Fields = append(d.Fields, search.Field{Text: v.Title(), Weight: search.High})
	s.searchFields(&d, v.record, t.TitleField, t.Aliases)
	if text == "" {
		// A Markdown function that returns no plain text: take it
		// from the HTML.
		text = htmlText(string(h))
	}
	if text != "" {
		d.Fields = append(d.Fields, search.Field{Text: text, Weight: search.Low, Snippet: true})
	}
	return d
}

// documentScratch lends a document its fields and topics while it is
// indexed or compacted: the index keeps neither, and growing them anew
// for every entry was most of what making documents allocated. A
// document searchDocument made from the body also has its text from
// the scratch, which gives it back with the slices (see bodyText).
type documentScratch struct {
	fields []search.Field
	topics []string
	text   bodyText
}

var documentScratches = sync.Pool{New: func() any { return new(documentScratch) }}

func getDocumentScratch() *documentScratch {
	return documentScratches.Get().(*documentScratch)
}

// document is an empty document with the scratch's slices.
func (sc *documentScratch) document() search.Document {
	return search.Document{Fields: sc.fields[:0], Topics: sc.topics[:0]}
}

// takeBack takes back the slices of d, made from document() and no
// longer used, and gives back its body text. The slices are cleared,
// not to keep an entry's text alive or to point into a buffer lent
// again.
func (sc *documentScratch) takeBack(d search.Document) {
	clear(d.Fields)
	clear(d.Topics)
	sc.fields, sc.topics = d.Fields[:0], d.Topics[:0]
	sc.text.giveBack()
	sc.text = bodyText{}
}

// release is takeBack, then pools the scratch.
func (sc *documentScratch) release(d search.Document) {
	sc.takeBack(d)
	documentScratches.Put(sc)
}

// searchFields adds the text of a record's published fields; titleField
// (already added) and aliasesField (weighted as names) are the entry's own,
// empty for nested tables.
func (s *Site) searchFields(d *search.Document, r record, titleField, aliasesField string) {
	for _, f := range r.fields {
		if f.Private || f.Builtin || (titleField != "" && f.Name == titleField) {
			continue
		}
		v, ok := r.values[f.Name]
		if !ok {
			continue
		}
		switch elem := f.Elem(); elem.Kind {
		case schema.String, schema.Text:
			// A string held to a pattern is a code (a country, a
			// language tag): searchable, but no prose for snippets.
			field := search.Field{Weight: search.Medium, Snippet: elem.Pattern == nil}
			if aliasesField != "" && f.Name == aliasesField {
				field = search.Field{Weight: search.High}
			}
			for _, item := range schema.Items(v) {
				if str, ok := item.(string); ok && str != "" {
					field.Text = str
					d.Fields = append(d.Fields, field)
				}
			}
		case schema.Topic:
			for topic := range r.eachRef(f.Name) {
				d.Topics = append(d.Topics, topic.Slug())
				d.Fields = append(d.Fields, search.Field{Text: topic.Title(), Weight: search.Medium})
				if a := topic.Type().Aliases; a != "" {
					for _, alias := range topic.List(a) {
						d.Fields = append(d.Fields, search.Field{Text: alias, Weight: search.Medium})
					}
				}
			}
		case schema.Ref:
			for e := range r.eachRef(f.Name) {
				d.Fields = append(d.Fields, search.Field{Text: e.Title(), Weight: search.Low})
			}
		case schema.Object:
			for _, o := range r.Objects(f.Name) {
				s.searchFields(d, o.record, "", "")
			}
		case schema.Image, schema.File:
			// What a reader sees of a published image or file: its alt
			// text, its title. The body's images are in its text already.
			for _, item := range schema.Items(v) {
				if ref, ok := item.(schema.FileRef); ok && r.entry != nil && r.entry.files().lookup(ref.Src) != nil {
					if text := cmp.Or(ref.Alt, ref.Title); text != "" {
						d.Fields = append(d.Fields, search.Field{Text: text, Weight: search.Medium})
					}
				}
			}
		}
	}
}

// htmlText is the text of an HTML fragment: tags dropped, entities
// decoded, blocks separated by spaces.
func htmlText(h string) string {
	var b strings.Builder
	for len(h) > 0 {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			b.WriteString(h)
			break
		}
		b.WriteString(h[:i])
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		b.WriteByte(' ')
		h = h[i+j+1:]
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}
