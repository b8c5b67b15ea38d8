package load

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/agora-community/agora/generator/markdown"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/schema"
	"github.com/agora-community/agora/generator/tomlpos"
)

// An entry may be a folder (content model v2): content/FOLDER/SLUG/index.md
// (or index.toml) is the entry SLUG, and every other file of the folder is
// one of its files, published beside its page. The load tells each file's
// kind from its bytes (generator/media) and finds the references of the
// body to files; the check (generator/validate) reports on both at each
// reference.

// File is a file of an entry folder: a photo, a document, a recording.
type File struct {
	Name    string // "photo.jpg", in the entry's folder
	Size    int64
	ModTime time.Time
	// Kind is what the file's bytes are.
	Kind media.Kind
	// Problem is why the file cannot be published (its kind, its size,
	// an image's header), or nil.
	Problem *media.Problem
	// Image is an image's header: its size as viewers show it.
	Image media.ImageInfo
	// Notes are warnings about a file published all the same: an
	// animated image (its first frame is), a PDF that names its author.
	Notes []*media.Problem
}

// Ref is a reference of an entry's Markdown body to a file beside it:
// ![alt](photo.jpg) or [report](report.pdf).
type Ref struct {
	markdown.FileRef
	Line, Col int    // of the destination, in the entry's file
	Source    string // that line's text, for the diagnostic
}

// indexFile reports whether name is the entry file of an entry folder,
// or a translation of it (index.es.md).
func indexFile(name string) bool {
	ext := path.Ext(name)
	if ext != ".md" && ext != ".toml" {
		return false
	}
	base, _ := SplitName(strings.TrimSuffix(name, ext))
	return base == "index"
}

// entryFileAt is the entry file at p, depth folders below the root
// (content/members/ana.md is 2, content/members/ana/index.md is 3), when
// p is one.
func entryFileAt(sch *schema.Schema, p string, depth int) (file, bool) {
	name := path.Base(p)
	ext := path.Ext(name)
	if ext != ".md" && ext != ".toml" || strings.HasPrefix(name, ".") {
		return file{}, false
	}
	typeFolder := path.Dir(p)
	switch {
	case depth == 3 && indexFile(name):
		typeFolder = path.Dir(typeFolder)
	case depth != 2:
		return file{}, false
	}
	t := sch.ByFolder(path.Base(typeFolder))
	if t == nil || path.Dir(typeFolder) != "content" {
		return file{}, false
	}
	return file{path: p, typ: t, ext: ext, folder: depth == 3}, true
}

// name is the entry's slug, the file's name or its folder's, and the
// language of a translation (ana.es.md, ana/index.es.md), else "".
func (f file) name() (slug, lang string) {
	slug, lang = SplitName(strings.TrimSuffix(path.Base(f.path), f.ext))
	if f.folder {
		slug = path.Base(path.Dir(f.path))
	}
	return slug, lang
}

// isEntryFolder reports whether the folder p (content/FOLDER/NAME) holds
// an entry file, index.md or index.toml, of any kind: a link or a pipe
// there is reported as the entry's file.
func isEntryFolder(root *os.Root, p string) bool {
	for _, name := range []string{"index.md", "index.toml"} {
		if _, err := root.Lstat(p + "/" + name); err == nil {
			return true
		}
	}
	return false
}

// folderTranslations lists the translations (index.LANG.md) in the
// folder p, which has no index.md or index.toml of its own.
func folderTranslations(root *os.Root, p string) []string {
	f, err := root.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	names, _ := f.Readdirnames(-1)
	var found []string
	for _, name := range names {
		if indexFile(name) {
			found = append(found, name)
		}
	}
	slices.Sort(found)
	return found
}

// folderFiles lists the files of the entry folder dir, for an entry read
// again alone; ok is false when it holds a folder, which only a whole
// load reports on.
func folderFiles(root *os.Root, dir string) (names []string, ok bool) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, true
	}
	defer f.Close()
	entries, _ := f.ReadDir(-1)
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".") || indexFile(name):
		case e.IsDir():
			return nil, false
		default:
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names, true
}

// headSize is how much of an image the check reads: its header, with the
// EXIF, XMP and colour profile segments a phone writes before it. Reading
// the whole of a thousand photos on every build would take longer than
// the rest of the build; an image whose header lies further is read whole.
const headSize = 128 << 10

// firstSize is what is read first: enough for the kind and the header of
// most images (a photo without EXIF, a drawing, a logo), so that a
// thousand photos do not cost a thousand reads and zeroed buffers of
// headSize on every build (a tenth of a warm build's extra time with
// 1,000 photos, bench/photos.sh). An image whose header lies further is
// read again up to headSize, then whole.
const firstSize = 16 << 10

// readFiles reads the files of the entry folder dir, named names, as the
// check needs them: each file's size first (an oversized file is never
// read), then its kind from its bytes, an image's header, a PDF's authors.
func readFiles(root *os.Root, dir string, names []string, opts Options) []File {
	out := make([]File, 0, len(names))
	for _, name := range names {
		out = append(out, readFile(root, dir+"/"+name, name, opts))
	}
	return out
}

func readFile(root *os.Root, p, name string, opts Options) File {
	f := File{Name: name}
	fh, err := root.Open(p)
	if err != nil {
		f.Problem = &media.Problem{Code: "read", Message: "cannot read the file: " + trimPathError(err)}
		return f
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Problem = &media.Problem{Code: "special-file", Message: "not a regular file (a named pipe, socket or device)",
			Allowed: "regular files", Hint: "replace it with a regular file, or remove it"}
		return f
	}
	f.Size, f.ModTime = info.Size(), info.ModTime()
	if err := media.CheckSize(f.Size, opts.MaxFileSize); err != nil {
		f.Problem = media.AsProblem(err)
		return f
	}
	data, whole, err := readHead(fh, f.Size, firstSize)
	if err != nil {
		f.Problem = &media.Problem{Code: "read", Message: "cannot read the file: " + trimPathError(err)}
		return f
	}
	kind, err := media.Sniff(data)
	if (err != nil || kind.Class() != media.Image) && !whole {
		// Only an image is told by its first bytes; a document's kind
		// may hang on its last (a ZIP's directory, a script anywhere).
		if data, err = readAll(fh, f.Size); err != nil {
			f.Problem = &media.Problem{Code: "read", Message: "cannot read the file: " + trimPathError(err)}
			return f
		}
		whole = true
		kind, err = media.Sniff(data)
	}
	f.Kind, f.Problem = kind, media.AsProblem(err)
	if f.Problem != nil {
		return f
	}
	switch kind.Class() {
	case media.Image:
		f.inspectImage(fh, data, whole, opts)
	case media.Document:
		if kind == media.PDF {
			for _, field := range media.PDFAuthors(data) {
				f.Notes = append(f.Notes, field.Problem())
			}
		}
	}
	return f
}

// inspectImage reads an image's header from its first bytes, or from all
// of them where the header lies further or the frames must be counted
// (a GIF).
func (f *File) inspectImage(fh *os.File, data []byte, whole bool, opts Options) {
	if f.Kind == media.GIF && !whole {
		var err error
		if data, err = readAll(fh, f.Size); err != nil {
			f.Problem = &media.Problem{Code: "read", Message: "cannot read the file: " + trimPathError(err)}
			return
		}
		whole = true
	}
	info, err := media.InspectImage(data, opts.imageLimits())
	if err != nil && !whole && len(data) < headSize {
		if head, all, rerr := readHead(fh, f.Size, headSize); rerr == nil {
			data, whole = head, all
			info, err = media.InspectImage(data, opts.imageLimits())
		}
	}
	if err != nil && !whole {
		if all, rerr := readAll(fh, f.Size); rerr == nil {
			info, err = media.InspectImage(all, opts.imageLimits())
		}
	}
	f.Image, f.Problem = info, media.AsProblem(err)
	if err == nil && info.Animated {
		f.Notes = append(f.Notes, &media.Problem{Code: "image-animated", Warning: true,
			Message: "only the first frame of an animated image is published", Found: "an animated " + info.Kind.String(),
			Hint: "publish a still image, or link to the animation hosted elsewhere"})
	}
}

// imageLimits are the settings images are checked against.
func (o Options) imageLimits() media.Settings {
	if o.Images.MaxPixels > 0 {
		return o.Images
	}
	return media.DefaultSettings()
}

// readHead reads the first limit bytes of a file of size bytes, and
// says whether that is the whole file.
func readHead(fh *os.File, size, limit int64) ([]byte, bool, error) {
	n := min(size, limit)
	b := make([]byte, n)
	got, err := fh.ReadAt(b, 0)
	if err != nil && !(errors.Is(err, io.EOF) && int64(got) == n) {
		return nil, false, err
	}
	return b, n == size, nil
}

func readAll(fh *os.File, size int64) ([]byte, error) {
	b := make([]byte, size)
	got, err := fh.ReadAt(b, 0)
	if err != nil && !(errors.Is(err, io.EOF) && int64(got) == size) {
		return nil, err
	}
	return b, nil
}

// bodyRefs finds the references of an entry's body to files, placed in
// the entry's file.
func bodyRefs(e *Entry, body []byte) []Ref {
	found := markdown.FileRefs(body)
	if len(found) == 0 {
		return nil
	}
	out := make([]Ref, len(found))
	for i, r := range found {
		pos := tomlpos.OffsetPos(body, r.Offset, e.BodyLine-1)
		start := bytes.LastIndexByte(body[:r.Offset], '\n') + 1
		end := bytes.IndexByte(body[r.Offset:], '\n')
		if end < 0 {
			end = len(body) - r.Offset
		}
		out[i] = Ref{FileRef: r, Line: pos.Line, Col: pos.Col, Source: strings.TrimSuffix(string(body[start:r.Offset+end]), "\r")}
	}
	return out
}
