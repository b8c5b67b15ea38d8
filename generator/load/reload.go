package load

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/cores"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/schema"
)

// Loaded is what one entry file gave: its entry, or nil when the file
// could not be read or decoded, and the problems found in it. The preview
// server keeps one per file and reads again only the files that change.
type Loaded struct {
	File  string // "content/members/ana.md"
	Type  *schema.Type
	Slug  string
	Lang  string // of a translation, else ""
	Entry *Entry
	Diags diag.List
	// Stamp is the file's as it was just before it was read: a body read
	// again later (see Content.Body) is the one loaded if the stamp still
	// holds.
	Stamp Stamp
}

// Stamp is what tells that a file changed: its size and modification time.
type Stamp struct{ Size, ModTime int64 }

// StampOf is the stamp of a file's information.
func StampOf(info fs.FileInfo) Stamp { return Stamp{info.Size(), info.ModTime().UnixNano()} }

// LoadEach reads every entry file under content/ as Load does, keeping
// each file's result apart. The diagnostics returned beside are those
// that belong to no entry file (unknown folders, stray files, links).
func LoadEach(ctx context.Context, root *os.Root, sch *schema.Schema, opts Options) (map[string]*Loaded, diag.List, error) {
	opts = opts.withDefaults()
	files, folders, diags, err := walk(root, sch)
	if err != nil {
		return nil, diags, err
	}
	defer closeAll(folders)
	out := make([]*Loaded, len(files))
	keeper := newBodyKeeper(opts.KeptBodies)
	err = cores.Each(ctx, len(files), func(i int) { out[i] = readLoaded(root, files[i], opts, keeper) })
	if err != nil {
		return nil, diags, err
	}
	byFile := make(map[string]*Loaded, len(out))
	for _, l := range out {
		byFile[l.File] = l
	}
	return byFile, diags, nil
}

// Reload reads one file of content/ again. plain is false when the path
// is not a plain entry file (a folder, a link, a file outside a type's
// folder or not named .md or .toml): only a whole LoadEach reports on
// those. For a plain path that no longer exists, l is nil.
//
// The index.md of an entry folder is read with the folder's files; one
// whose folder holds a folder is not plain.
func Reload(root *os.Root, sch *schema.Schema, p string, opts Options) (l *Loaded, plain bool) {
	f, ok := entryFile(sch, p)
	if !ok {
		return nil, false
	}
	info, err := root.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, true
	}
	if err != nil || !info.Mode().IsRegular() {
		return nil, false
	}
	if f.folder {
		if f.files, ok = folderFiles(root, path.Dir(p)); !ok {
			return nil, false
		}
	}
	return readLoaded(root, f, opts.withDefaults(), nil), true
}

// entryFile reports whether p ("content/members/ana.md",
// "content/members/ana/index.md") is where an entry of the schema's
// types would be, and which.
func entryFile(sch *schema.Schema, p string) (file, bool) {
	if !strings.HasPrefix(p, "content/") {
		return file{}, false
	}
	return entryFileAt(sch, p, strings.Count(p, "/"))
}

// EntryFileOf is the entry file a file of an entry folder belongs to
// ("content/minutes/x/photo.jpg" -> "content/minutes/x/index.md", or
// index.toml when that is there), for the preview server to read the
// entry again when one of its files changes. ok is false for any other
// path.
func EntryFileOf(root *os.Root, sch *schema.Schema, p string) (string, bool) {
	if strings.Count(p, "/") != 3 || indexFile(path.Base(p)) || strings.HasPrefix(path.Base(p), ".") {
		return "", false
	}
	dir := path.Dir(p)
	for _, name := range []string{"index.md", "index.toml"} {
		if f, ok := entryFile(sch, dir+"/"+name); ok {
			if _, err := root.Lstat(f.path); err == nil {
				return f.path, true
			}
		}
	}
	return "", false
}

// Twins are the other files an entry's slug (and a translation's
// language) could come from: for content/members/ana.md, ana.toml,
// ana/index.md and ana/index.toml; for ana.es.md, ana.es.toml,
// ana/index.es.md and ana/index.es.toml. Two of them at once are a
// duplicate slug, which a whole load reports.
func Twins(p string) []string {
	dir, name := path.Split(p)
	slug, lang := SplitName(strings.TrimSuffix(name, path.Ext(name)))
	if indexFile(name) {
		dir, slug = path.Split(strings.TrimSuffix(dir, "/"))
	}
	if lang != "" {
		lang = "." + lang
	}
	var out []string
	for _, c := range []string{slug + lang + ".md", slug + lang + ".toml", slug + "/index" + lang + ".md", slug + "/index" + lang + ".toml"} {
		if dir+c != p {
			out = append(out, dir+c)
		}
	}
	return out
}

// readLoaded reads and decodes one entry file, through readSource, into
// a buffer that decodeEntry does not keep; keeper keeps a copy of the
// body while its budget lasts (a nil keeper keeps none).
func readLoaded(root *os.Root, f file, opts Options, keeper *bodyKeeper) *Loaded {
	slug, lang := f.name()
	l := &Loaded{File: f.path, Type: f.typ, Slug: slug, Lang: lang}
	if !f.unreadable {
		withReadBuffer(func(into []byte) []byte {
			src, stamp, d := readSourceInto(root, f.dir, f.path, opts.MaxFileSize, into)
			l.Stamp = stamp
			if d != nil {
				l.Diags = diag.List{*d}
				return src
			}
			l.Entry, l.Diags = decodeEntry(f, slug, src)
			if l.Entry != nil {
				l.Entry.Lang = lang
				l.Entry.ModTime, l.Entry.size = time.Unix(0, stamp.ModTime), stamp.Size
				if l.Entry.BodyStart >= 0 {
					body := bytes.TrimPrefix(src, bom)[l.Entry.BodyStart:]
					l.Entry.kept = keeper.keep(body)
					l.Entry.Refs = bodyRefs(l.Entry, body)
				}
			}
			return src
		})
		if l.Entry != nil && f.folder {
			l.Entry.Folder = path.Dir(f.path)
			l.Entry.Files = readFiles(root, l.Entry.Folder, f.files, opts)
		}
	}
	l.Diags = append(l.Diags, checkFileName(f, slug)...)
	return l
}

// Assemble makes the content of loaded files as Load would: entries
// sorted by type and slug, files that failed recorded as broken, and a
// second file of the same slug reported and left out.
func Assemble(root *os.Root, files map[string]*Loaded) (*Content, diag.List) {
	c := &Content{Root: root, Broken: map[string]bool{}}
	for _, l := range files {
		switch {
		case l.Entry == nil && l.Lang == "":
			c.Broken[l.Type.Name+"/"+l.Slug] = true
		case l.Entry != nil:
			c.Entries = append(c.Entries, l.Entry)
		}
	}
	return c, c.sortOut()
}

// SortEntries puts entries in the order of Content.Entries.
func SortEntries(entries []*Entry) { slices.SortStableFunc(entries, CompareEntries) }

// CompareEntries orders entries as Content.Entries: by type name, slug
// and file.
func CompareEntries(a, b *Entry) int {
	return cmp.Or(cmp.Compare(a.Type.Name, b.Type.Name), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.Lang, b.Lang), cmp.Compare(a.File, b.File))
}
