package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-community/agora/generator/diag"
)

// FileRef is the checked value of an image or file field: a file of the
// entry's folder (content/FOLDER/SLUG/), named by Src.
type FileRef struct {
	Src string
	// Alt is an image's text for readers who cannot see it; never empty.
	Alt string
	// Title is a file's link text; empty means its name.
	Title string
}

// keys of the inline table of each kind, in the order messages list them.
var fileRefKeys = map[Kind][]string{Image: {"src", "alt"}, File: {"src", "title"}}

// checkFileRef checks an image or file value: an inline table with a
// src naming a file (no folder), and an image's alt text. A problem's Key
// is the table's key it is about ("alt"), so that it is placed there.
func (e *Field) checkFileRef(v any) (any, *diag.Diagnostic) {
	m, ok := v.(map[string]any)
	if !ok {
		d := mismatch(e, v)
		if s, isText := v.(string); isText {
			d.Hint = "write a table: " + exampleFileRef(e.Kind, s)
		}
		return nil, d
	}
	keys := fileRefKeys[e.Kind]
	var unknown []string
	for k := range m {
		if !slices.Contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		d := problem("unknown-key", fmt.Sprintf("unknown key %q in %s", unknown[0], KindPhrase(e)), strconv.Quote(unknown[0]),
			strings.Join(keys, ", "), diag.DidYouMean(unknown[0], keys))
		d.Key = unknown[0]
		return nil, d
	}
	src, d := fileRefText(m, "src", true)
	if d != nil {
		return nil, d
	}
	if p := checkFileName(src); p != nil {
		p.Key = "src"
		return nil, p
	}
	ref := FileRef{Src: src}
	switch e.Kind {
	case Image:
		if ref.Alt, d = fileRefText(m, "alt", true); d != nil {
			d.Message = "an image needs alt text: " + d.Message
			d.Hint = `describe what the image shows for readers who cannot see it: alt = "Members around a table at the 2025 gathering"`
			return nil, d
		}
	case File:
		if ref.Title, d = fileRefText(m, "title", false); d != nil {
			return nil, d
		}
	}
	return ref, nil
}

// fileRefText is the text at key of a file reference's table.
func fileRefText(m map[string]any, key string, required bool) (string, *diag.Diagnostic) {
	v, ok := m[key]
	if !ok {
		if !required {
			return "", nil
		}
		d := problem("missing-required", fmt.Sprintf("missing %s", key), "", "text in quotes", "add "+key+` = "…"`)
		return "", d
	}
	s, ok := v.(string)
	if !ok {
		d := problem("wrong-type", fmt.Sprintf("%s: expected text in quotes, found %s", key, TOMLKind(v)), describe(v), "text in quotes", "")
		d.Key = key
		return "", d
	}
	if required && strings.TrimSpace(s) == "" {
		d := problem("empty-required", key+" may not be empty", strconv.Quote(s), "text in quotes", "")
		d.Key = key
		return "", d
	}
	return s, nil
}

// checkFileName refuses a src that is not the name of a file beside the
// entry: a path into another folder, or nothing.
func checkFileName(name string) *diag.Diagnostic {
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		return problem("bad-file-ref", "src must name a file of the entry's own folder", strconv.Quote(name),
			"the name of a file beside the entry's index.md, such as \"photo.jpg\"", "move the file into the entry's folder and write its name alone")
	}
	return nil
}

// exampleFileRef writes a value of kind k naming src, for hints.
func exampleFileRef(k Kind, src string) string {
	if k == Image {
		return fmt.Sprintf(`{ src = %q, alt = "what the image shows" }`, src)
	}
	return fmt.Sprintf(`{ src = %q, title = "…" }`, src)
}
