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
}

// LoadTheme reads the default theme with the community's own theme
// folder (nil when none) laid over it, file by file.
func LoadTheme(defaults, own fs.FS, lang string) (*Theme, error) {
	fsys := overlay{own, defaults}
	strs, err := loadStrings(fsys, lang)
	if err != nil {
		return nil, fmt.Errorf("theme strings: %w", err)
	}
	t := &Theme{pages: map[string]*template.Template{}, Strings: strs, static: map[string][]byte{}}
	if err := t.parse(fsys); err != nil {
		return nil, err
	}
	if err := t.readStatic(fsys); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Theme) funcs() template.FuncMap {
	return template.FuncMap{
		"t":        t.Strings.T,
		"date":     t.Strings.Date,
		"iso":      func(d time.Time) string { return d.Format(time.DateOnly) },
		"year":     func(d time.Time) int { return d.Year() },
		"add":      func(a, b int) int { return a + b },
		"join":     strings.Join,
		"country":  t.Strings.Country,
		"language": t.Strings.Language,
	}
}

func (t *Theme) parse(fsys fs.FS) error {
	base := template.New("base").Funcs(t.funcs())
	if _, err := base.ParseFS(fsys, "templates/base.html"); err != nil {
		return fmt.Errorf("theme: %w", err)
	}
	if partials, _ := fs.Glob(fsys, "templates/partials/*.html"); len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return fmt.Errorf("theme: %w", err)
		}
	}
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
	}
	for _, required := range []string{"home", "entry", "index", "404"} {
		if t.pages[required] == nil {
			return fmt.Errorf("theme: templates/%s.html is missing", required)
		}
	}
	return nil
}

// page returns the first template that exists among names.
func (t *Theme) page(names ...string) *template.Template {
	for _, n := range names {
		if p := t.pages[n]; p != nil {
			return p
		}
	}
	return nil
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
