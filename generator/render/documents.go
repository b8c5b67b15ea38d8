package render

import (
	"html"
	"runtime"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/search"
)

// SearchDocuments returns one search document per published entry, in
// the schema's type order and each type's own order. Like the templates,
// it reads entries only through the schema: private and builtin fields
// are skipped at every depth, and references count only when they lead
// to a published entry, so no private value and no draft reaches the
// index.
//
// Weights: the title and a type's aliases high; other text fields
// (strings, texts, decisions, action tasks, objectives, names of the
// topics an entry is filed under) medium; the Markdown body and the names
// of the other entries it points at low. Enums, numbers, dates, URLs and
// emails are not indexed.
//
// Entries whose page already rendered its body reuse the document made
// then (see keepDocument); the others are made here.
func (s *Site) SearchDocuments() ([]search.Document, error) {
	var entries []*Entry
	for _, t := range s.in.Schema.Types {
		for _, e := range s.byType[t.Name] {
			entries = append(entries, s.view(e))
		}
	}
	docs := make([]search.Document, len(entries))
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(entries); i += workers {
				if d, ok := s.keptDocument(entries[i].e); ok {
					docs[i] = d
					continue
				}
				docs[i], errs[i] = s.searchDocument(entries[i])
			}
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, &entryError{entries[i].File(), err}
		}
	}
	return docs, nil
}

type entryError struct {
	file string
	err  error
}

func (e *entryError) Error() string { return e.file + ": " + e.err.Error() }
func (e *entryError) Unwrap() error { return e.err }

// keepDocument makes the entry's search document from the body its page
// just rendered.
func (s *Site) keepDocument(v *Entry, html []byte, text string) {
	d := s.documentWithBody(v, html, text)
	s.docsMu.Lock()
	s.docs[v.e] = d
	s.docsMu.Unlock()
}

func (s *Site) keptDocument(e *load.Entry) (search.Document, bool) {
	s.docsMu.Lock()
	defer s.docsMu.Unlock()
	d, ok := s.docs[e]
	return d, ok
}

func (s *Site) searchDocument(v *Entry) (search.Document, error) {
	h, text, err := s.body(v.e)
	if err != nil {
		return search.Document{}, err
	}
	return s.documentWithBody(v, h, text), nil
}

func (s *Site) documentWithBody(v *Entry, h []byte, text string) search.Document {
	t := v.Type()
	d := search.Document{Path: v.Path(), Title: v.Title(), Type: t.Name, TypeLabel: s.typeLabel(t)}
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
			for _, topic := range r.Refs(f.Name) {
				d.Topics = append(d.Topics, topic.Slug())
				d.Fields = append(d.Fields, search.Field{Text: topic.Title(), Weight: search.Medium})
				if a := topic.Type().Aliases; a != "" {
					for _, alias := range topic.List(a) {
						d.Fields = append(d.Fields, search.Field{Text: alias, Weight: search.Medium})
					}
				}
			}
		case schema.Ref:
			for _, e := range r.Refs(f.Name) {
				d.Fields = append(d.Fields, search.Field{Text: e.Title(), Weight: search.Low})
			}
		case schema.Object:
			for _, o := range r.Objects(f.Name) {
				s.searchFields(d, o.record, "", "")
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
