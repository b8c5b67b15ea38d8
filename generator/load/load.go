package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/agora-community/agora/generator/cores"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/tomlpos"
)

// DefaultMaxFileSize is the largest content file read unless site.toml
// says otherwise: an entry, or a photo or document of an entry folder.
const DefaultMaxFileSize = 10 << 20

// Options tune loading.
type Options struct {
	MaxFileSize int64 // bytes; 0 means DefaultMaxFileSize
	// KeptBodies bounds the bytes of Markdown bodies Load and LoadEach
	// keep in memory, so that Body need not read those files again; 0
	// means DefaultKeptBodies, a negative value keeps none.
	KeptBodies int64
	// Images limits the images of entry folders (pixels, a side), read
	// from their headers; zero means media's defaults.
	Images media.Settings
	// Check, when set, is called by Load with each entry it decodes, on
	// the goroutine that read it, while other files are still being
	// read; the problems it returns are Load's, for the entries Load
	// keeps (not for a second file of a slug, which it leaves out).
	Check func(*Entry) diag.List
}

func (o Options) withDefaults() Options {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.KeptBodies == 0 {
		o.KeptBodies = DefaultKeptBodies
	}
	return o
}

// Load reads every entry under content/ of the source root. Problems come
// back as diagnostics; an error is returned only when content/ itself
// cannot be read.
func Load(ctx context.Context, root *os.Root, sch *schema.Schema, opts Options) (*Content, diag.List, error) {
	opts = opts.withDefaults()
	files, folders, diags, err := walk(root, sch)
	if err != nil {
		return nil, diags, err
	}
	defer closeAll(folders)
	entries := make([]*Entry, len(files))
	found := make([]diag.List, len(files))
	keeper := newBodyKeeper(opts.KeptBodies)
	err = cores.Each(ctx, len(files), func(i int) {
		l := readLoaded(root, files[i], opts, keeper)
		// A translation is checked against its original, once all are read.
		if l.Entry != nil && l.Entry.Lang == "" && opts.Check != nil {
			l.Entry.checked = opts.Check(l.Entry)
		}
		entries[i], found[i] = l.Entry, l.Diags
	})
	if err != nil {
		return nil, diags, err
	}
	c := &Content{Root: root, Broken: map[string]bool{}}
	for i, f := range files {
		diags = append(diags, found[i]...)
		slug, lang := f.name()
		switch {
		case entries[i] != nil:
			c.Entries = append(c.Entries, entries[i])
		case lang == "":
			c.Broken[f.typ.Name+"/"+slug] = true
		}
	}
	diags = append(diags, c.sortOut()...)
	for _, e := range c.Entries {
		diags = append(diags, e.checked...)
		e.checked = nil
	}
	return c, diags, nil
}

// sortOut moves the translations out of Entries, sorts both, and reports
// and leaves out a second file of one slug (and language).
func (c *Content) sortOut() diag.List {
	all := c.Entries
	c.Entries, c.Translations = nil, nil
	for _, e := range all {
		if e.Lang != "" {
			c.Translations = append(c.Translations, e)
		} else {
			c.Entries = append(c.Entries, e)
		}
	}
	SortEntries(c.Entries)
	SortEntries(c.Translations)
	diags := append(duplicateSlugs(c.Entries), duplicateSlugs(c.Translations)...)
	same := func(a, b *Entry) bool { return a.Type == b.Type && a.Slug == b.Slug && a.Lang == b.Lang }
	c.Entries = slices.CompactFunc(c.Entries, same)
	c.Translations = slices.CompactFunc(c.Translations, same)
	return diags
}

// langSuffix is the form of a translation's language in its file name
// (SLUG.LANG.md): a BCP 47 tag, as site.toml's languages.
var langSuffix = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// SplitName splits a file name without its extension into a slug and,
// for a translation ("ana.es"), its language.
func SplitName(name string) (slug, lang string) {
	if i := strings.LastIndexByte(name, '.'); i > 0 && langSuffix.MatchString(name[i+1:]) {
		return name[:i], name[i+1:]
	}
	return name, ""
}

type file struct {
	path string // slash path from the root
	typ  *schema.Type
	ext  string
	// dir is the open folder holding the file when it is a regular file,
	// to read it from; nil for a link, which is read through the root.
	dir *folder
	// unreadable marks an entry file already reported (a broken link):
	// it is not read, but counts as broken so refs to it are not reported.
	unreadable bool
	// folder marks the index.md (or index.toml) of an entry folder;
	// files are the other files in it, by name.
	folder bool
	files  []string
}

// walk lists the entry files: content/FOLDER/NAME.md or NAME.toml. The
// folders it returns hold them, open; the caller closes them once the
// files are read.
func walk(root *os.Root, sch *schema.Schema) ([]file, []*folder, diag.List, error) {
	var files []file
	var diags diag.List
	inFolder := map[string][]string{} // the files of each entry folder, by name
	report := func(p, code, msg, found, allowed, hint string) {
		diags = append(diags, diag.Diagnostic{File: p, Code: code, Message: msg, Found: found, Allowed: allowed, Hint: hint})
	}
	folders, err := walkContent(root, func(p string, d fs.DirEntry, dir *folder, err error) error {
		if err != nil {
			if p == "content" {
				return err
			}
			report(p, "read", "cannot read: "+trimPathError(err), "", "", "")
			return nil
		}
		name := d.Name()
		if p == "content" || strings.HasPrefix(name, ".") {
			if d.IsDir() && p != "content" {
				return fs.SkipDir
			}
			return nil
		}
		depth := strings.Count(p, "/")
		if d.Type()&fs.ModeSymlink != 0 {
			info, serr := root.Stat(p)
			if serr != nil {
				report(p, "symlink", "a link that points outside the repository, nowhere, or in a loop", "", "links to files inside the repository", "replace the link with the file itself")
				files = appendUnreadable(files, sch, p, depth)
				return nil
			}
			if info.IsDir() {
				report(p, "symlink", "a link to a folder", "", "real folders", "replace the link with the folder itself")
				return nil
			}
			if !info.Mode().IsRegular() {
				files = append(files, special(p, name, depth, sch, report)...)
				return nil
			}
			if hiddenTarget(root, p) {
				// .git/config may hold a CI token, .env a password: a
				// check's message would quote their lines, a build publish them.
				report(p, "symlink", "a link to a hidden file or folder of the repository (such as .git/ or .env)", "", "links to files inside the repository, outside hidden folders", "replace the link with the file itself")
				files = appendUnreadable(files, sch, p, depth)
				return nil
			}
		}
		if !d.IsDir() && !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			files = append(files, special(p, name, depth, sch, report)...)
			return nil
		}
		switch {
		case d.IsDir() && depth == 1:
			if sch.ByFolder(name) == nil {
				report(p, "unknown-folder", "no type uses the folder "+strconv.Quote(name), strconv.Quote(name),
					"content/"+strings.Join(sch.Folders(), "/, content/")+"/", folderHint(name, sch))
				return fs.SkipDir
			}
			return nil
		case d.IsDir() && depth == 2 && isEntryFolder(root, p):
			return nil // content/FOLDER/SLUG/index.md and the entry's files
		case d.IsDir() && depth == 3:
			report(p, "entry-subfolder", "an entry folder holds files, not folders", p+"/", "files beside the entry's "+indexName(root, path.Dir(p)),
				"move the files up into "+path.Dir(p)+"/ (give them names of their own), or remove the folder")
			return fs.SkipDir
		case d.IsDir():
			if names := folderTranslations(root, p); depth == 2 && len(names) > 0 {
				reportOrphanTranslations(root, p, names, report)
				return fs.SkipDir
			}
			hint := "move the files up into content/" + path.Base(path.Dir(p)) + "/, or make the folder an entry: add " + p + "/index.md"
			if ext := path.Ext(name); ext == ".md" || ext == ".toml" {
				hint = "this is a folder named like an entry file; an entry is a file, or a folder holding index.md"
			}
			report(p, "nested-folder", "entries sit directly in their type's folder, or in a folder of their own with an index.md", p+"/", "content/FOLDER/NAME.md or content/FOLDER/NAME/index.md", hint)
			return fs.SkipDir
		case depth == 1:
			report(p, "misplaced-file", "an entry must sit in a type's folder", p, "content/"+strings.Join(sch.Folders(), "/, content/")+"/", "")
			return nil
		case depth == 3 && !indexFile(name):
			inFolder[path.Dir(p)] = append(inFolder[path.Dir(p)], name)
			return nil
		}
		f, ok := entryFileAt(sch, p, depth)
		if !ok {
			diags = append(diags, diag.Diagnostic{File: p, Severity: diag.Warning, Code: "ignored-file",
				Message: "not an entry, so it is not published", Found: path.Ext(name), Allowed: ".md or .toml",
				Hint: "to publish a photo or document with an entry, move the entry into a folder of its own, " + path.Dir(p) + "/SLUG/index.md, and the file beside it"})
			return nil
		}
		if d.Type().IsRegular() {
			f.dir = dir
		}
		files = append(files, f)
		return nil
	})
	for i := range files {
		if files[i].folder {
			files[i].files = inFolder[path.Dir(files[i].path)]
		}
	}
	if err != nil {
		closeAll(folders)
		return nil, nil, diags, fmt.Errorf("cannot read the content folder: %w", err)
	}
	return files, folders, diags, nil
}

// reportOrphanTranslations reports a folder that holds translations
// (index.es.md) but not the entry they translate: most often the
// original is still a single file beside the folder.
func reportOrphanTranslations(root *os.Root, p string, names []string, report func(p, code, msg, found, allowed, hint string)) {
	_, lang := SplitName(strings.TrimSuffix(names[0], path.Ext(names[0])))
	hint := "add the original as " + p + "/index.md, or remove the folder"
	for _, ext := range []string{".md", ".toml"} {
		if _, err := root.Lstat(p + ext); err == nil {
			hint = "the original is " + p + ext + ": move it into the folder as " + p + "/index" + ext +
				", or move the translation beside it as " + p + "." + lang + path.Ext(names[0])
			break
		}
	}
	report(p, "translation-original", "the folder holds translations ("+strings.Join(names, ", ")+") but no index.md: the entry they translate",
		p+"/", "the original as "+p+"/index.md, beside its translations", hint)
}

// special reports a named pipe, socket or device among the content:
// opening a pipe would wait forever for a writer, and a device is nothing
// a member meant to publish. An entry file's name is kept, marked
// unreadable, so that links to it are not reported again.
func special(p, name string, depth int, sch *schema.Schema, report func(p, code, msg, found, allowed, hint string)) []file {
	report(p, "special-file", "not a regular file (a named pipe, socket or device)", "", "regular files", "replace it with a regular file, or remove it")
	return appendUnreadable(nil, sch, p, depth)
}

// appendUnreadable adds the entry file at p, when it is one, marked
// unreadable: it was reported, and refs to its entry are not.
func appendUnreadable(files []file, sch *schema.Schema, p string, depth int) []file {
	if f, ok := entryFileAt(sch, p, depth); ok {
		f.unreadable = true
		return append(files, f)
	}
	return files
}

// indexName is the entry file of the entry folder dir, for messages.
func indexName(root *os.Root, dir string) string {
	if _, err := root.Lstat(dir + "/index.md"); err == nil {
		return "index.md"
	}
	return "index.toml"
}

// hiddenTarget reports whether the link at p, which stays inside the
// repository, leads to a file whose path there has a hidden part
// (".git/config", ".env", "secrets/.token"). Unsure means hidden.
func hiddenTarget(root *os.Root, p string) bool {
	base, err := filepath.EvalSymlinks(root.Name())
	if err != nil {
		return true
	}
	real, err := filepath.EvalSymlinks(filepath.Join(base, filepath.FromSlash(p)))
	if err != nil {
		return true
	}
	rel, err := filepath.Rel(base, real)
	if err != nil || !filepath.IsLocal(rel) {
		return true
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func folderHint(name string, sch *schema.Schema) string {
	if s := diag.DidYouMean(name, sch.Folders()); s != "" {
		return s
	}
	return "to make it a new type, add schema/" + strings.TrimSuffix(name, "s") + ".toml with folder = \"" + name + "\""
}

func trimPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// decodeEntry decodes one file's bytes.
func decodeEntry(f file, slug string, src []byte) (*Entry, diag.List) {
	fail := func(line, col int, code, msg, hint string) (*Entry, diag.List) {
		return nil, diag.List{{File: f.path, Line: line, Col: col, Code: code, Message: msg, Hint: hint}}
	}
	src = bytes.TrimPrefix(src, bom)
	if len(bytes.TrimSpace(src)) == 0 {
		return fail(0, 0, "empty-file", "the file is empty", "write the entry's fields, or delete the file")
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return fail(0, 0, "binary-file", "the file holds binary data, not text", "entries are UTF-8 text; move other files out of content/")
	}
	if off := invalidUTF8(src); off >= 0 {
		pos := tomlpos.OffsetPos(src, off, 0)
		return fail(pos.Line, pos.Col, "bad-utf8", "the file is not valid UTF-8", "save it as UTF-8 in your editor")
	}
	e := &Entry{Type: f.typ, Slug: slug, File: f.path, BodyStart: -1}
	text, lineBase := src, 0
	if f.ext == ".md" {
		fm, serr := splitFrontMatter(src)
		if serr != nil {
			return fail(serr.line, 1, "front-matter", serr.message, serr.hint)
		}
		text, lineBase = fm.toml, fm.tomlLine
		e.BodyStart, e.BodyLine = fm.bodyStart, fm.bodyLine
	}
	fields, err := decodeTOML(text)
	if err != nil {
		return nil, diag.List{schema.SyntaxError(f.path, text, lineBase, err)}
	}
	e.SetFields(fields)
	return e, nil
}

func checkFileName(f file, slug string) diag.List {
	if ValidSlug(slug) {
		return nil
	}
	what, name, fix := "file", path.Base(f.path), SuggestSlug(slug)+f.ext
	if f.folder {
		what, name, fix = "folder", slug, SuggestSlug(slug)
	}
	if Reserved(slug) {
		return diag.List{{File: f.path, Code: "bad-file-name",
			Message: "the " + what + " name is a device name on Windows, so a Windows checkout cannot hold the " + what, Found: strconv.Quote(name),
			Allowed: "any slug but con, prn, aux, nul, com0–com9 and lpt0–lpt9",
			Hint:    "rename the " + what + " to " + fix}}
	}
	return diag.List{{File: f.path, Code: "bad-file-name",
		Message: "the " + what + " name is not a valid slug", Found: strconv.Quote(name),
		Allowed: "lowercase letters, digits and hyphens, starting with a letter or digit",
		Hint:    "rename the " + what + " to " + fix}}
}

// ValidSlug reports whether s may name an entry: lowercase letters, digits
// and hyphens, starting with a letter or digit, and not a Windows device
// name. A slug becomes a file name in content/ and a folder of the
// output, so it can never hold "..", a slash, a NUL or a drive.
func ValidSlug(s string) bool {
	return schema.SlugPattern.MatchString(s) && !Reserved(s)
}

// Reserved reports whether s is a Windows device name (con, prn, aux,
// nul, com0–com9, lpt0–lpt9, in any case): a Windows checkout of the
// repository cannot hold a file of that name, whatever its extension.
func Reserved(s string) bool { return schema.Reserved(s) }

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// SuggestSlug turns a file name into the nearest valid slug, dropping
// accents: "Facilitación" -> "facilitacion". A device name gets a suffix:
// "CON" -> "con-entry".
func SuggestSlug(name string) string {
	if plain, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), name); err == nil {
		name = plain
	}
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return "entry"
	}
	if Reserved(s) {
		return s + "-entry"
	}
	return s
}

func duplicateSlugs(entries []*Entry) diag.List {
	var diags diag.List
	for i := 1; i < len(entries); i++ {
		a, b := entries[i-1], entries[i]
		if a.Type == b.Type && a.Slug == b.Slug && a.Lang == b.Lang {
			what := "two " + a.Type.Name + " entries have the slug " + strconv.Quote(a.Slug)
			if a.Lang != "" {
				what = "two translations of " + a.Type.Name + " " + a.Slug + " into " + strconv.Quote(a.Lang)
			}
			diags = append(diags, diag.Diagnostic{File: b.File, Code: "duplicate-slug",
				Message: what,
				Found:   a.File + " and " + b.File, Allowed: "one file per slug", Hint: "rename or remove one of them"})
		}
	}
	return diags
}
