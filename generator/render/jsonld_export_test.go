package render

import (
	"bytes"
	"fmt"
)

// JSONLDReference is JSONLD as it was before it wrote its JSON itself:
// maps, which html/template gave to encoding/json. Tests compare the
// bytes json.Marshal writes for it with JSONLD's.
func (p *Page) JSONLDReference() any {
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
		if topics := referenceTitles(e.Refs("offers")); len(topics) > 0 {
			ld["knowsAbout"] = topics
		}
		if l := p.shownLanguage(e); l != "" {
			ld["mainEntityOfPage"] = map[string]any{"@type": "WebPage", "inLanguage": l, "url": url}
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
		if l := p.shownLanguage(e); l != "" {
			ld["inLanguage"] = l
		}
		return ld
	case "module":
		ld := map[string]any{"@context": "https://schema.org", "@type": "Course", "name": e.Title(), "url": url,
			"description": e.S("summary"),
			"provider":    map[string]any{"@type": "Organization", "name": p.s.in.Config.Title, "url": p.s.base.String()}}
		if l := e.S("language"); l != "" {
			ld["inLanguage"] = l
		} else if l := p.shownLanguage(e); l != "" {
			ld["inLanguage"] = l
		}
		if d, ok := e.F("duration_minutes").(int64); ok {
			ld["timeRequired"] = fmt.Sprintf("PT%dM", d)
		}
		if pre := referenceTitles(e.Refs("prerequisites")); len(pre) > 0 {
			ld["coursePrerequisites"] = pre
		}
		if l := e.S("license"); l != "" {
			ld["license"] = l
		}
		return ld
	}
	return nil
}

func referenceTitles(entries []*Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Title()
	}
	return out
}

// SetForTest sets one of an entry's field values (the title too, when
// name is its title field), for fuzzing what its page writes.
func (e *Entry) SetForTest(name string, value any) {
	e.values[name] = value
	if name == e.Type().TitleField {
		e.setTitle(fmt.Sprint(value))
	}
}

// SetTitleForTest sets the site's title, for fuzzing what pages write.
func (s *Site) SetTitleForTest(title string) { s.in.Config.Title = title }

// WriteJSValueForTest is what a compiled template writes for v in a
// <script> element, written into w after what it holds.
func WriteJSValueForTest(w *bytes.Buffer, v any) { writeJSValue(w, v) }
