package main

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/render"
)

// TestGeneratedFileIsFresh: the checked-in templates_gen.go is what the
// generator makes from the default theme today.
func TestGeneratedFileIsFresh(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../templates_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("generator/render/templates_gen.go is stale: run go generate ./generator/render")
	}
}

// compileOne compiles a theme whose base is the default's and whose page
// template "x" is text.
func compileOne(t *testing.T, text string) error {
	t.Helper()
	_, err := compileSource(t, text)
	return err
}

// compileSource is compileOne's generated code.
func compileSource(t *testing.T, text string) ([]byte, error) {
	t.Helper()
	theme, err := render.LoadTheme(agora.DefaultTheme, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	pages, _, funcs := theme.CompilerInput()
	set, err := pages["404"].Clone()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.New("x.html").Parse(text); err != nil {
		t.Fatal(err)
	}
	return compile(map[string]*template.Template{"x": set}, map[string]string{"x": "hash"}, funcs)
}

// TestUnsupportedConstructsStopTheGenerator: what the generator cannot
// compile exactly is an error that names the template and its line.
func TestUnsupportedConstructsStopTheGenerator(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"{{define \"main\"}}\n<p>{{.JSONLD}}</p>{{end}}", `template "main" at x.html:2:5`},                          // an interface-typed result printed
		{"{{define \"main\"}}\n\n{{with .JSONLD}}{{.name}}{{end}}{{end}}", `template "main" at x.html:3:18 (.name)`}, // a field of an interface
		{"{{define \"main\"}}{{printf \"%d\" 1}}{{end}}", `function "printf" is not supported`},
		{"{{define \"main\"}}{{range $k, $v := .Config}}{{end}}{{end}}", "range over a *config.Site"},
		{"{{define \"main\"}}{{if eq .Title 1}}x{{end}}{{end}}", "eq of a string and a int"},
		{"{{define \"main\"}}{{.Frame \"header\" | html}}{{end}}", ""},
		{"{{define \"main\"}}{{.Today.UnmarshalText}}{{end}}", "pointer receiver and this time.Time is not addressable"},
		{"{{define \"main\"}}{{t \"x\" 0x1p3}}{{end}}", "the number 0x1p3"}, // a float to text/template
		{"{{define \"main\"}}{{t \"x\" 2.0}}{{end}}", "the number 2.0"},
	} {
		err := compileOne(t, tc.text)
		if err == nil {
			t.Errorf("%q compiled", tc.text)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %q does not say %q", tc.text, err, tc.want)
		}
	}
}

// TestSupportedTemplateCompiles: the same harness compiles a template it
// supports, so the failures above are the constructs'.
func TestSupportedTemplateCompiles(t *testing.T) {
	if err := compileOne(t, `{{define "main"}}<p title="{{.Title}}">{{with .JSONLD}}{{end}}{{range $i, $n := .Nav}}{{if lt $i 2}}{{$n.Label}}{{end}}{{end}}{{t "x" 0x10 'a' 7}}</p>{{end}}`); err != nil {
		t.Fatal(err)
	}
}

// TestWritersOnlyForPrintedCalls: a writer (render.CompiledWriters) does
// the call an action prints through the writer's escapers, and only that
// one; a call whose value is kept or tested is made as it is.
func TestWritersOnlyForPrintedCalls(t *testing.T) {
	src, err := compileSource(t, `{{define "main"}}<a href="{{.Href "kept/"}}">{{$h := .Href "bound/"}}{{if .Href "tested/"}}<p title="{{.Href "title/"}}">{{$h}}</p>{{end}}</a>{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`d0.writeHrefAttr(r.w, "kept/")`, `d0.Href("bound/")`, `d0.Href("tested/")`, `d0.Href("title/")`} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("the generated code has no %s", want)
		}
	}
	for _, unwanted := range []string{`writeHrefAttr(r.w, "bound/")`, `writeHrefAttr(r.w, "tested/")`, `writeHrefAttr(r.w, "title/")`} {
		if bytes.Contains(src, []byte(unwanted)) {
			t.Errorf("the generated code has %s", unwanted)
		}
	}
}
