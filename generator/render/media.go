package render

import (
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/markdown"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/schema"
)

// The files of an entry folder are published beside the entry's page: an
// image as the copies media.Processor made (Input.Images), never as its
// own bytes; a document or recording as it is, under media.PublishedName.
// Only the files a public reference names are published (load.Entry's
// Published): a file only a private field names is not.

// Image is an image as a page shows it: its copies, widest last.
type Image struct {
	Alt string
	// Width and Height are the widest copy's, which src names: with
	// CSS's height: auto they reserve the image's place before it loads.
	Width, Height int
	copies        []imageCopy
}

type imageCopy struct {
	path  string // from the site root: "minutes/x/3fa2b1c4d5e6-960w.webp"
	width int
	size  int64
	kind  media.Kind
}

// Src is the site path of the widest copy.
func (img *Image) Src() string { return img.copies[len(img.copies)-1].path }

// Smallest is the site path of the narrowest copy (a feed's, a thumbnail's).
func (img *Image) Smallest() string { return img.copies[0].path }

// Attachment is a document, a recording or an image a file field names,
// as an entry's list of attachments shows it: members on metered data see
// what it is and how large before they download it.
type Attachment struct {
	Title string
	Path  string // from the site root
	Kind  string // "PDF document", in the site's language
	Size  string // "1.4 MB"
	// Key is the kind's stable name ("pdf"), for a CSS class.
	Key string
}

// published is one file of an entry folder as the site publishes it.
type published struct {
	file  *load.File
	name  string           // the document's published name, or the widest copy's
	image *media.Processed // an image's copies
}

// entryFiles is what an entry publishes of its folder, by file name.
type entryFiles struct {
	byName map[string]*published
}

// files is what the entry publishes of its folder, made once per view.
func (v *Entry) files() *entryFiles {
	v.filesOnce.Do(func() { v.published = v.site.makeEntryFiles(v.e) })
	return v.published
}

func (s *Site) makeEntryFiles(e *load.Entry) *entryFiles {
	pub := e.Published()
	if len(pub) == 0 {
		return nil
	}
	out := &entryFiles{byName: make(map[string]*published, len(pub))}
	taken := map[string]bool{}
	for _, name := range slices.Sorted(maps.Keys(pub)) {
		f := pub[name]
		p := &published{file: f}
		if f.Kind.Class() == media.Image {
			img := s.in.Images[e.Folder+"/"+name]
			if img == nil || len(img.Variants) == 0 {
				continue // not processed: not published
			}
			p.image, p.name = img, img.Largest().Name
		} else {
			p.name = freeName(media.PublishedName(name, f.Kind), taken)
		}
		taken[p.name] = true
		out.byName[name] = p
	}
	return out
}

// freeName is name, or name with -2, -3… before its extension when two
// documents would be published under one name (Report.pdf and report.pdf).
func freeName(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	dot := strings.LastIndexByte(name, '.')
	for n := 2; ; n++ {
		if c := name[:dot] + "-" + strconv.Itoa(n) + name[dot:]; !taken[c] {
			return c
		}
	}
}

// lookup returns the published file of that name, or nil.
func (f *entryFiles) lookup(name string) *published {
	if f == nil {
		return nil
	}
	return f.byName[name]
}

// image is the Image of a published image file, shown with alt.
func (v *Entry) image(name, alt string) *Image {
	p := v.files().lookup(name)
	if p == nil || p.image == nil {
		return nil
	}
	img := &Image{Alt: alt}
	for _, c := range p.image.Variants {
		img.copies = append(img.copies, imageCopy{path: v.site.fileLink(v.path + c.Name), width: c.Width, size: c.Size, kind: c.Kind})
	}
	largest := p.image.Largest()
	img.Width, img.Height = largest.Width, largest.Height
	return img
}

// attachment is the Attachment of a published file, titled title (or its
// name).
func (v *Entry) attachment(name, title string) *Attachment {
	p := v.files().lookup(name)
	if p == nil {
		return nil
	}
	if title == "" {
		title = name
	}
	kind, size := p.file.Kind, p.file.Size
	if p.image != nil {
		c := p.image.Largest()
		kind, size = c.Kind, c.Size
	}
	strs := v.site.theme.Strings
	label := strs.T("filekind_" + kind.Key())
	if label == "filekind_"+kind.Key() {
		label = kind.String()
	}
	return &Attachment{Title: title, Path: v.site.fileLink(v.path + p.name), Kind: label, Size: strs.FileSize(size), Key: kind.Key()}
}

// Image returns the image an image field (or the first of a list of
// them) shows, or nil: the field is private, unset, or its file is not
// published.
func (r record) Image(name string) *Image {
	if imgs := r.Images(name); len(imgs) > 0 {
		return imgs[0]
	}
	return nil
}

// Images returns the images an image field, or a list of them, shows.
func (r record) Images(name string) []*Image {
	f, v := r.field(name), r.owner()
	if f == nil || f.Elem().Kind != schema.Image || v == nil {
		return nil
	}
	var out []*Image
	for _, item := range schema.Items(r.values[name]) {
		if ref, ok := item.(schema.FileRef); ok {
			if img := v.image(ref.Src, ref.Alt); img != nil {
				out = append(out, img)
			}
		}
	}
	return out
}

// Attachments returns the files a file field, or a list of them, names.
func (r record) Attachments(name string) []*Attachment {
	f, v := r.field(name), r.owner()
	if f == nil || f.Elem().Kind != schema.File || v == nil {
		return nil
	}
	var out []*Attachment
	for _, item := range schema.Items(r.values[name]) {
		if ref, ok := item.(schema.FileRef); ok {
			if a := v.attachment(ref.Src, ref.Title); a != nil {
				out = append(out, a)
			}
		}
	}
	return out
}

// sizes of an image, as the default theme lays it out: a logo a few rem
// wide, any other image the width of the text column (.prose, 46rem,
// less the page's margins on a narrow screen).
const (
	logoSizes  = "6rem"
	proseSizes = "(min-width: 48rem) 46rem, calc(100vw - 2rem)"
)

// Img writes an img element for an image of the page's entry: src the
// widest copy, srcset every copy, so that a phone loads the narrowest
// that fills its screen; width and height, so the page does not move as
// it loads. where is "logo" (a few rem wide) or anything else (the width
// of the text). Images placed by templates are near the top of the page,
// so they are loaded at once; those of the Markdown body below the first
// screen are lazy.
func (p *Page) Img(img *Image, where string) template.HTML {
	if img == nil {
		return ""
	}
	var b strings.Builder
	sizes, class := proseSizes, ""
	if where == "logo" {
		sizes, class = logoSizes, ` class="logo"`
	}
	fmt.Fprintf(&b, `<img%s src="%s" srcset="%s" sizes="%s" width="%d" height="%d" alt="%s" decoding="async">`,
		class, template.HTMLEscapeString(p.Href(img.Src())), template.HTMLEscapeString(p.srcSet(img)), sizes,
		img.Width, img.Height, template.HTMLEscapeString(img.Alt))
	return template.HTML(b.String())
}

// srcSet is a srcset attribute's value for the image, relative to the page.
func (p *Page) srcSet(img *Image) string {
	var b strings.Builder
	for i, c := range img.copies {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Href(c.path))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(c.width))
		b.WriteByte('w')
	}
	return b.String()
}

// bodyFiles resolves an entry body's references to its files
// (markdown.Files), relative to the entry's page, beside which they are.
type bodyFiles struct {
	v *Entry
	// eager is how many of the first images load at once: one when the
	// body starts the page (the entry has no other field to show above
	// it), else none, since the default theme puts the body below the
	// entry's fields, past the first screen of a phone.
	eager int
	mu    sync.Mutex
	shown int
}

func (s *Site) bodyFiles(v *Entry) markdown.Files {
	if v.files() == nil {
		return nil
	}
	eager := 0
	if len(v.FieldsExcept(v.e.Type.TitleField)) == 0 {
		eager = 1
	}
	return &bodyFiles{v: v, eager: eager}
}

func (b *bodyFiles) Image(name string) (markdown.Img, bool) {
	img := b.v.image(name, "")
	if img == nil {
		return markdown.Img{}, false
	}
	b.mu.Lock()
	b.shown++
	lazy := b.shown > b.eager
	b.mu.Unlock()
	pg := &Page{Path: b.v.path}
	return markdown.Img{Src: pg.Href(img.Src()), SrcSet: pg.srcSet(img), Sizes: proseSizes,
		Width: img.Width, Height: img.Height, Lazy: lazy}, true
}

func (b *bodyFiles) Link(name string) (string, bool) {
	p := b.v.files().lookup(name)
	if p == nil {
		return "", false
	}
	if b.v.site.lang.Prefix != "" {
		pg := &Page{Path: b.v.path}
		return pg.Href(b.v.site.fileLink(b.v.path + p.name)), true
	}
	return p.name, true // beside the page
}

// fileLink is the site path of a file of an entry folder as the pages of
// this language link it: the files are published once, beside the
// default language's pages, so another language's pages climb out of
// their folder to them.
func (s *Site) fileLink(path string) string {
	if s.lang.Prefix == "" {
		return path
	}
	return strings.Repeat("../", strings.Count(s.lang.Prefix, "/")) + path
}

// fileURL is the absolute URL of a file of an entry folder, from its
// path as fileLink gives it.
func (s *Site) fileURL(link string) string {
	for strings.HasPrefix(link, "../") {
		link = link[3:]
	}
	return s.rootURL.String() + link
}

// File is a file of an entry folder in the site's output: an image's
// copy, or a document.
type File struct {
	Path string // "minutes/x/3fa2b1c4d5e6-960w.webp"
	// Copy is a file holding the bytes already (a cached image copy),
	// which a build may link instead of writing; "" when there is none.
	Copy string
	Size int64
	// Bytes reads the file's bytes: a cached copy checked against its
	// hash, a document from the source.
	Bytes func() ([]byte, error)
}

// Files lists the files of the published entries' folders, as the site
// publishes them, in the order of the entries.
func (s *Site) Files() []File {
	var out []File
	for _, t := range s.in.Schema.Types {
		for _, e := range s.byType[t.Name] {
			if len(e.Files) == 0 {
				continue
			}
			v := s.view(e)
			files := v.files()
			if files == nil {
				continue
			}
			for _, name := range slices.Sorted(maps.Keys(files.byName)) {
				out = s.appendFiles(out, v, files.byName[name])
			}
		}
	}
	return out
}

func (s *Site) appendFiles(out []File, v *Entry, p *published) []File {
	if p.image != nil {
		for _, c := range p.image.Variants {
			out = append(out, File{Path: v.path + c.Name, Copy: c.Path, Size: c.Size, Bytes: c.Bytes})
		}
		return out
	}
	source := v.e.Folder + "/" + p.file.Name
	return append(out, File{Path: v.path + p.name, Size: p.file.Size, Bytes: func() ([]byte, error) {
		b, err := s.in.Content.Root.ReadFile(source)
		if err == nil && int64(len(b)) != p.file.Size {
			err = fmt.Errorf("%s changed while building; build again", source)
		}
		return b, err
	}})
}

// FileJobs are Files as jobs that write their bytes, for the preview
// server, which serves every file from memory.
func (s *Site) FileJobs() []Job {
	files := s.Files()
	jobs := make([]Job, len(files))
	for i, f := range files {
		jobs[i] = Job{Path: f.Path, Render: func(w io.Writer) error {
			b, err := f.Bytes()
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}}
	}
	return jobs
}

// AttachmentList pairs attachments with the page, for the "attachments"
// partial.
type AttachmentList struct {
	Page        *Page
	Attachments []*Attachment
}

// WithAttachments hands attachments to the "attachments" partial.
func (p *Page) WithAttachments(list []*Attachment) AttachmentList { return AttachmentList{p, list} }

// AttachmentItem pairs one attachment with the page, for the "attachment"
// partial.
type AttachmentItem struct {
	Page *Page
	File *Attachment
}

// WithAttachment hands one attachment to the "attachment" partial.
func (p *Page) WithAttachment(a *Attachment) AttachmentItem { return AttachmentItem{p, a} }

// Pictures are the entry's published images, its fields' (in schema
// order) then its body's, each once: the minutes' first photo in the
// feed, every photo in the sitemap.
func (v *Entry) Pictures() []*Image {
	if v.files() == nil {
		return nil
	}
	var out []*Image
	seen := map[string]bool{}
	for _, u := range v.e.Uses() {
		if u.Private || !u.Image || seen[u.Name] {
			continue
		}
		alt := u.Value.Alt
		if u.Ref != nil {
			alt = u.Ref.Alt
		}
		if img := v.image(u.Name, alt); img != nil {
			seen[u.Name] = true
			out = append(out, img)
		}
	}
	return out
}
