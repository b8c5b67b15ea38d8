package render

import (
	"bytes"
	"html/template"
	"strconv"
	"testing"
)

// escapeContexts is html/template in every context compiled templates
// write values in; writeLikeContexts writes the same with escape.go.
var escapeContexts = template.Must(template.New("x").Parse(
	`<p>{{.S}}</p><p title="{{.S}}"></p><a href="{{.S}}"></a><a href="mailto:{{.S}}"></a><a href="#y{{.S}}"></a>` +
		`<title>{{.S}}</title><div>{{.H}}</div><p>{{.N}}</p><a href="#y{{.N}}"></a><p id="n{{.N}}"></p>` +
		`<script type="application/ld+json">{{.M}}</script><script type="application/ld+json">{{.L}}</script><script type="application/ld+json">{{.S}}</script>` +
		`<script type="application/ld+json">{{.N}}</script>`))

func writeLikeContexts(w *bytes.Buffer, s string, n int, m map[string]any, l []string) {
	w.WriteString("<p>")
	writeEscaped(w, s)
	w.WriteString(`</p><p title="`)
	writeEscaped(w, s)
	w.WriteString(`"></p><a href="`)
	writeURLAttr(w, s)
	w.WriteString(`"></a><a href="mailto:`)
	writeURLNormalized(w, s)
	w.WriteString(`"></a><a href="#y`)
	writeEscaped(w, urlEscape(s))
	w.WriteString(`"></a><title>`)
	writeEscaped(w, s)
	w.WriteString(`</title><div>`)
	w.WriteString(s) // template.HTML in text
	w.WriteString(`</div><p>`)
	writeEscaped(w, strconv.Itoa(n))
	w.WriteString(`</p><a href="#y`)
	writeEscaped(w, urlEscape(strconv.Itoa(n)))
	w.WriteString(`"></a><p id="n`)
	writeEscaped(w, strconv.Itoa(n))
	w.WriteString(`"></p><script type="application/ld+json">`)
	writeJSValue(w, m)
	w.WriteString(`</script><script type="application/ld+json">`)
	writeJSValue(w, l)
	w.WriteString(`</script><script type="application/ld+json">`)
	writeJSValue(w, s)
	w.WriteString(`</script><script type="application/ld+json">`)
	writeJSValue(w, n)
	w.WriteString(`</script>`)
}

// FuzzEscapers checks the escapers of compiled templates (escape.go)
// against html/template executing in the same contexts: text, quoted
// attribute, URL attribute (whole, after mailto:, after #), title
// RCDATA, trusted HTML, ints, JSON-LD. Run longer with:
// go test -run '^$' -fuzz '^FuzzEscapers$' ./generator/render
func FuzzEscapers(f *testing.F) {
	for _, s := range []string{"", "plain", `<script>alert("x")</script>`, "javascript:alert(1)", "JaVaScRiPt:x", "https://a.b/c?d=e&f=g#h",
		"mailto:x@y.z", "a b+c%20d%zz%4", "\x00\xff\u2028\u2029", "/rel/path:colon", "data:text/html;base64,x", "é ñ ខ្មែរ ᠮᠣᠩ", "'\"<>&+", "http:", "x:y/z"} {
		f.Add(s, len(s)-7)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		m := map[string]any{"@type": "Event", "name": s, "n": n, "list": []string{s, "x"}, s: "key", "place": map[string]any{"name": s, "n": int64(n)}}
		l := []string{s}
		var want bytes.Buffer
		if err := escapeContexts.Execute(&want, map[string]any{"S": s, "H": template.HTML(s), "N": n, "M": m, "L": l}); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		writeLikeContexts(&got, s, n, m, l)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("for %q, %d:\nhtml/template: %q\nescape.go:     %q", s, n, want.Bytes(), got.Bytes())
		}
	})
}
