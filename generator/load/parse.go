package load

import (
	"bytes"
	"path"
	"strings"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// Parse decodes src as the entry file at p (a slash path from the source
// root, such as "content/members/ana.md") of type t, without reading or
// writing any file: a command that is about to write entries (agora
// import) checks them first, with the rest of the content, exactly as
// the load would read them. The body is kept, so that Content.Body never
// looks for the file.
func Parse(t *schema.Type, p string, src []byte) (*Entry, diag.List) {
	src = bytes.TrimPrefix(src, bom)
	ext := path.Ext(p)
	slug := strings.TrimSuffix(path.Base(p), ext)
	e, diags := decodeEntry(file{path: p, typ: t, ext: ext}, slug, src)
	if e == nil {
		return nil, diags
	}
	if e.BodyStart >= 0 {
		body := []byte(string(src[e.BodyStart:]))
		e.kept = body
		e.Refs = bodyRefs(e, body)
	}
	e.size = int64(len(src))
	return e, append(diags, checkFileName(file{path: p, typ: t, ext: ext}, slug)...)
}
