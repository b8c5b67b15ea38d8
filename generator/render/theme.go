package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"
)

// Theme is a parsed theme: one template set per page template, each with
// the base layout and the partials, plus static assets and UI strings.
type Theme struct {
	pages   map[string]*template.Template
	Strings *Strings
	static  map[string][]byte // file name under static/ -> bytes
	// sources is the SHA-256 of each page template's sources (base,
	// partials, page file, as loaded): a compiled page is used only for
	// the exact sources it was compiled from (see compiled.go).
	sources map[string]string
}

// LoadTheme reads the default theme with the community's own theme
// folder (nil when none) laid over it, file by file.
func LoadTheme(defaults, own fs.FS, lang string) (*Theme, error) {
	fsys := overlay{own, defaults}
	strs, err := loadStrings(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("theme strings: %w", err)
	}
	t := &Theme{pages: map[string]*template.Template{}, Strings: strs, static: map[string][]byte{}, sources: map[string]string{}}
	if err := t.parse(fsys); err != nil {
		return nil, err
	}
	if err := t.readStatic(fsys); err != nil {
		return nil, err
	}
	return t, nil
}

// TemplateFunc is a function templates call, and the Go expression that
// calls it in compiled templates (r is the compiled page's *run).
type TemplateFunc struct {
	Value any
	Go    string
}

// templateFuncs is the one list of the templates' functions, for
// html/template and for the template compiler alike.
func (t *Theme) templateFuncs() map[string]TemplateFunc {
	return map[string]TemplateFunc{
		"t":        {t.Strings.T, "r.strs.T"},
		"date":     {t.Strings.Date, "r.strs.Date"},
		"iso":      {isoDate, "isoDate"},
		"year":     {yearOf, "yearOf"},
		"add":      {addInts, "addInts"},
		"join":     {strings.Join, "strings.Join"},
		"country":  {t.Strings.Country, "r.strs.Country"},
		"language": {t.Strings.Language, "r.strs.Language"},
	}
}

func isoDate(d time.Time) string { return d.Format(time.DateOnly) }
func yearOf(d time.Time) int     { return d.Year() }
func addInts(a, b int) int       { return a + b }

func (t *Theme) funcs() template.FuncMap {
	fm := template.FuncMap{}
	for name, f := range t.templateFuncs() {
		fm[name] = f.Value
	}
	return fm
}

func (t *Theme) parse(fsys fs.FS) error {
	base := template.New("base").Funcs(t.funcs())
	if _, err := base.ParseFS(fsys, "templates/base.html"); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	if len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
	shared := append([]string{"templates/base.html"}, partials...)
	files, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return err
	}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == "base" {
			continue
		}
		set, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := set.ParseFS(fsys, f); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
		t.pages[name] = set
		if t.sources[name], err = sourceHash(fsys, append(shared, f)); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
	for _, required := range []string{"home", "entry", "index", "404"} {
		if t.pages[required] == nil {
			return fmt.Errorf("theme: templates/%s.html is missing", required)
		}
	}
	return nil
}

// sourceHash is the SHA-256 of template files, names and bytes, in order.
func sourceHash(fsys fs.FS, files []string) (string, error) {
	h := sha256.New()
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// page returns the first template that exists among names, and its name.
func (t *Theme) page(names ...string) (*template.Template, string) {
	for _, n := range names {
		if p := t.pages[n]; p != nil {
			return p, n
		}
	}
	return nil, ""
}

func (t *Theme) readStatic(fsys fs.FS) error {
	return fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		t.static[strings.TrimPrefix(p, "static/")] = b
		return nil
	})
}

// AppendStatic adds bytes at the end of a static file (generated CSS, say).
func (t *Theme) AppendStatic(name string, b []byte) {
	t.static[name] = append(append(t.static[name][:len(t.static[name]):len(t.static[name])], '\n'), b...)
}

// TakeStatic removes a static file, returning its bytes: a file only
// some sites use, to add to another (AppendStatic) or to drop.
func (t *Theme) TakeStatic(name string) []byte {
	b := t.static[name]
	delete(t.static, name)
	return b
}

// assetPaths names each static file by its content hash, so hosts may
// cache them forever: style.css -> assets/style.3f2a9c1e.css.
func (t *Theme) assetPaths() map[string]string {
	out := map[string]string{}
	for name, b := range t.static {
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		out[name] = "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	}
	return out
}
