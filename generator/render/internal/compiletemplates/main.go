// Command compiletemplates compiles the default theme's page templates to
// Go (generator/render/templates_gen.go): it walks the trees html/template
// escaped, types every field, method, variable and function from the
// render package's types by reflection, and writes code that calls them
// directly, with text/template's semantics. What it cannot compile
// exactly stops it, naming the template and line; it never writes code
// that might render differently. Run it with go generate ./generator/render.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/render"
)

func main() {
	out := flag.String("o", "templates_gen.go", "file to write")
	flag.Parse()
	src, err := generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compiletemplates:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "compiletemplates:", err)
		os.Exit(1)
	}
}

// generate compiles the default theme as LoadTheme loads it.
func generate() ([]byte, error) {
	theme, err := render.LoadTheme(agora.DefaultTheme, nil, "en")
	if err != nil {
		return nil, err
	}
	return compile(theme.CompilerInput())
}
