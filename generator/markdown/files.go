package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// An entry folder (content/FOLDER/SLUG/index.md) holds the entry's photos
// and documents, and its body names them as GitHub's preview shows them:
// ![Members at the gathering](photo.jpg), [the report](report.pdf). The
// check finds those references (FileRefs) and the page resolves them to
// what the site publishes (RenderWithFiles).

// FileRef is a reference of a document to a file beside it.
type FileRef struct {
	// Name is the file's name as the reference gives it, escapes and
	// percent-encoding resolved: "foto de grupo.jpg". For an image
	// Elsewhere, it is the path as written.
	Name string
	// Offset is where the destination stands in the source, in bytes.
	Offset int
	Image  bool
	// Alt is an image's alt text, as plain text.
	Alt string
	// Elsewhere marks an image whose path leads out of the document's
	// folder ("../ana/logo.png"): images are published from their entry's
	// own folder only.
	Elsewhere bool
}

// LocalFile reports whether a link or image destination names a file
// beside the document, and its name. A relative destination without a
// folder is one: "photo.jpg", "./report.pdf", "foto%20de%20grupo.jpg#x";
// a link must name a file with an extension ("report.pdf"), since a link
// to "about" or "../ana/" is to a page. URLs with a scheme, absolute
// paths and fragments are not files.
func LocalFile(dest []byte, image bool) (name string, ok bool) {
	name, elsewhere, ok := localPath(dest, image)
	if !ok || elsewhere {
		return "", false
	}
	return name, true
}

// localPath is LocalFile, and for an image whose relative path has a
// folder in it, that path with elsewhere set.
func localPath(dest []byte, image bool) (name string, elsewhere, ok bool) {
	d := resolveURL(dest)
	if scheme, _ := splitScheme(d); scheme != "" {
		return "", false, false
	}
	s := strings.TrimSpace(string(d))
	if s == "" || strings.ContainsAny(s[:1], "/\\#?") {
		return "", false, false
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	for strings.HasPrefix(s, "./") {
		s = s[2:]
	}
	if unescaped, err := url.PathUnescape(s); err == nil {
		s = unescaped
	}
	if s == "" || s == "." || s == ".." {
		return "", false, false
	}
	if strings.ContainsAny(s, "/\\") {
		return s, true, image
	}
	if !image && !strings.Contains(s, ".") {
		return "", false, false
	}
	return s, false, true
}

// mayReferToFiles reports whether src can hold a link or an image at all:
// most bodies hold neither, and are not parsed to find out.
func mayReferToFiles(src []byte) bool {
	return bytes.Contains(src, []byte("](")) || bytes.Contains(src, []byte("]:"))
}

// refParser parses documents as Renderer does, without the transformers
// that finish them for a page (highlighting, heading IDs): the check only
// looks for references.
var refParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(newParser(),
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote),
	).Parser()
})

// FileRefs lists the references of the Markdown document src to files
// beside it (see LocalFile), in document order, each with where its
// destination stands, for the check to report on.
func FileRefs(src []byte) []FileRef {
	if !mayReferToFiles(src) {
		return nil
	}
	doc := refParser().Parse(text.NewReader(src))
	var out []FileRef
	var f refFinder
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			f.cursor = max(f.cursor, n.Lines().At(0).Start)
		}
		var dest []byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest, image = n.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		name, elsewhere, ok := localPath(dest, image)
		if !ok {
			return ast.WalkContinue, nil
		}
		ref := FileRef{Name: name, Image: image, Elsewhere: elsewhere, Offset: f.find(src, n, dest)}
		if image {
			ref.Alt = plainText(n, src)
		}
		out = append(out, ref)
		return ast.WalkContinue, nil
	})
	return out
}

// refFinder finds where destinations stand in a document's source, which
// goldmark does not record: after the link's text, from where the last one
// was found, at the first place the destination follows a "(" or a
// reference definition's ":".
type refFinder struct{ cursor int }

func (f *refFinder) find(src []byte, n ast.Node, dest []byte) int {
	from := f.cursor
	if t, ok := n.FirstChild().(*ast.Text); ok && t.Segment.Start > from {
		from = t.Segment.Start
	}
	if len(dest) == 0 {
		return from
	}
	for _, start := range []int{from, 0} {
		for i := start; i < len(src); {
			j := bytes.Index(src[i:], dest)
			if j < 0 {
				break
			}
			at := i + j
			if opensDestination(src, at) {
				f.cursor = at + len(dest)
				return at
			}
			i = at + 1
		}
	}
	return from
}

// opensDestination reports whether the text before at ends an inline
// link's "(" (or "(<") or a reference definition's "]:".
func opensDestination(src []byte, at int) bool {
	space := func(i int) int {
		for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i--
		}
		return i
	}
	i := space(at - 1)
	if i >= 0 && src[i] == '<' {
		i = space(i - 1)
	}
	return i >= 0 && (src[i] == '(' || (src[i] == ':' && i > 0 && src[i-1] == ']'))
}

// Files resolves a document's references to the files beside it, for
// RenderWithFiles: what its entry publishes of each.
type Files interface {
	// Image is how the page shows the image file name, in the order the
	// document shows its images; false leaves the reference as written.
	Image(name string) (Img, bool)
	// Link is the URL the page links to the file name by, relative to
	// the page; false leaves the link as written.
	Link(name string) (string, bool)
}

// Img is an img element's attributes but its alt text, which the
// document gives.
type Img struct {
	Src, SrcSet, Sizes string
	Width, Height      int
	// Lazy defers loading an image below the first screen.
	Lazy bool
}

// filesKey holds a document's Files in its parse context.
var filesKey = parser.NewContextKey()

// RenderWithFiles is RenderHTMLAppendingText with the document's
// references to files beside it (see LocalFile) resolved by files: an
// image becomes an img with its published copies (src, srcset, sizes,
// width and height, so that the page does not shift as it loads), a link
// leads to the published file.
func (r *Renderer) RenderWithFiles(src, text []byte, files Files) (Result, []byte, error) {
	start := len(text)
	t := &textWriter{src: src, raw: text}
	res, err := r.render(t, src, files)
	if err != nil {
		return Result{}, text, err
	}
	return res, t.raw[:start+len(collapseSpace(t.raw[start:]))], nil
}

// resolveFiles points the links and images among links that name files
// beside the document at what files says the page publishes.
func resolveFiles(links []ast.Node, files Files) {
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			if name, ok := LocalFile(n.Destination, false); ok {
				if href, ok := files.Link(name); ok {
					n.Destination = []byte(href)
				}
			}
		case *ast.Image:
			if n.Parent() == nil {
				continue // replaced by its alt text: its URL was refused
			}
			if name, ok := LocalFile(n.Destination, true); ok {
				if img, ok := files.Image(name); ok {
					setImage(n, img)
				}
			}
		}
	}
}

// setImage gives an image node the attributes of img; goldmark writes
// them after src and alt, in this order.
func setImage(n *ast.Image, img Img) {
	n.Destination = []byte(img.Src)
	if img.SrcSet != "" {
		n.SetAttributeString("srcset", []byte(img.SrcSet))
		n.SetAttributeString("sizes", []byte(img.Sizes))
	}
	if img.Width > 0 && img.Height > 0 {
		n.SetAttributeString("width", []byte(strconv.Itoa(img.Width)))
		n.SetAttributeString("height", []byte(strconv.Itoa(img.Height)))
	}
	if img.Lazy {
		n.SetAttributeString("loading", []byte("lazy"))
	}
	n.SetAttributeString("decoding", []byte("async"))
}
