package render

import (
	"reflect"
	"strings"
	"testing"

	"github.com/agora-community/agora"
)

// TestTemplateFuncsGoExpressions: the Go expression the compiled
// templates call for each template function is that function.
func TestTemplateFuncsGoExpressions(t *testing.T) {
	theme, err := LoadTheme(agora.DefaultTheme, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	r := &run{strs: theme.Strings}
	byExpr := map[string]any{
		"r.strs.T": r.strs.T, "r.strs.Date": r.strs.Date, "r.strs.Country": r.strs.Country, "r.strs.Language": r.strs.Language,
		"isoDate": isoDate, "yearOf": yearOf, "addInts": addInts, "strings.Join": strings.Join,
	}
	for name, f := range theme.templateFuncs() {
		fn, ok := byExpr[f.Go]
		if !ok {
			t.Errorf("%s: unknown Go expression %q", name, f.Go)
			continue
		}
		if reflect.TypeOf(fn) != reflect.TypeOf(f.Value) || reflect.ValueOf(fn).Pointer() != reflect.ValueOf(f.Value).Pointer() {
			t.Errorf("%s: %q is not the function html/template calls", name, f.Go)
		}
	}
}

// TestDefaultThemeIsCompiled: every page template of the default theme
// has its compiled form, for the sources LoadTheme reads.
func TestDefaultThemeIsCompiled(t *testing.T) {
	theme, err := LoadTheme(agora.DefaultTheme, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	for name := range theme.pages {
		if theme.compiled(name) == nil {
			t.Errorf("page template %s is not compiled (or its sources changed: run go generate ./generator/render)", name)
		}
	}
}
