package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/markdown"
)

func TestLocalFile(t *testing.T) {
	for _, tt := range []struct {
		dest  string
		image bool
		name  string // "" when not a file beside the document
	}{
		{"photo.jpg", true, "photo.jpg"},
		{"photo.jpg", false, "photo.jpg"},
		{"./report.pdf", false, "report.pdf"},
		{"foto%20de%20grupo.jpg", true, "foto de grupo.jpg"},
		{"report.pdf#page=2", false, "report.pdf"},
		{"report.pdf?x=1", false, "report.pdf"},
		{`photo\_1.jpg`, true, "photo_1.jpg"},
		{"f&amp;g.pdf", false, "f&g.pdf"},
		{"Ñandú.PNG", true, "Ñandú.PNG"},
		{"logo", true, "logo"},           // an image has no other meaning
		{"about", false, ""},             // a page
		{"../ana/", false, ""},           // a page
		{"../ana/report.pdf", false, ""}, // a link into another folder: a page's business
		{"/network/members/", false, ""},
		{"#decisions", false, ""},
		{"https://example.org/a.pdf", false, ""},
		{"mailto:a@example.org", false, ""},
		{"//example.org/a.png", true, ""},
		{"", true, ""},
		{".", true, ""},
	} {
		name, ok := markdown.LocalFile([]byte(tt.dest), tt.image)
		if ok != (tt.name != "") || name != tt.name {
			t.Errorf("LocalFile(%q, image %v) = %q, %v; want %q", tt.dest, tt.image, name, ok, tt.name)
		}
	}
}

// TestFileRefs: each reference is found at its destination, in document
// order, whatever precedes it on the line; code is not a reference.
func TestFileRefs(t *testing.T) {
	src := strings.Join([]string{
		"A photo.jpg in the text, then ![Members at the table](photo.jpg).", // 1
		"", // 2
		"See [the report](report.pdf) and [it again]( <report.pdf> ).", // 3
		"",                                      // 4
		"![](empty.png) ![a *b* c](x%20y.webp)", // 5
		"",                                      // 6
		"```",                                   // 7
		"![not](code.png)",                      // 8
		"```",                                   // 9
		"",                                      // 10
		"[page](../ana/) ![elsewhere](../ana/logo.png) ![ref][r] [web](https://example.org/a.pdf)", // 11
		"",                          // 12
		"[r]: defined.gif",          // 13
		"",                          // 14
		"| a | ![cell](cell.jpg) |", // 15
		"|---|---|",                 // 16
	}, "\n")
	var got []string
	for _, r := range markdown.FileRefs([]byte(src)) {
		line := strings.Count(src[:r.Offset], "\n") + 1
		col := r.Offset - strings.LastIndex(src[:r.Offset], "\n")
		got = append(got, fmt.Sprintf("%d:%d %s image=%v alt=%q elsewhere=%v", line, col, r.Name, r.Image, r.Alt, r.Elsewhere))
	}
	want := []string{
		`1:55 photo.jpg image=true alt="Members at the table" elsewhere=false`,
		`3:18 report.pdf image=false alt="" elsewhere=false`,
		`3:47 report.pdf image=false alt="" elsewhere=false`,
		`5:5 empty.png image=true alt="" elsewhere=false`,
		`5:27 x y.webp image=true alt="a b c" elsewhere=false`,
		`11:30 ../ana/logo.png image=true alt="elsewhere" elsewhere=true`,
		`13:6 defined.gif image=true alt="ref" elsewhere=false`,
		`15:15 cell.jpg image=true alt="cell" elsewhere=false`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if refs := markdown.FileRefs([]byte("No links here, only (parentheses) and [brackets].")); refs != nil {
		t.Errorf("a document without links: %v", refs)
	}
}

type fakeFiles struct{ images int }

func (f *fakeFiles) Image(name string) (markdown.Img, bool) {
	if name != "photo.jpg" {
		return markdown.Img{}, false
	}
	f.images++
	return markdown.Img{Src: "abc-960w.webp", SrcSet: "abc-480w.webp 480w, abc-960w.webp 960w", Sizes: "(min-width: 45em) 40em, 100vw",
		Width: 960, Height: 640, Lazy: f.images > 1}, true
}

func (f *fakeFiles) Link(name string) (string, bool) {
	switch name {
	case "report.pdf":
		return "report.pdf", true
	case "photo.jpg":
		return "abc-960w.webp", true
	}
	return "", false
}

func TestRenderWithFiles(t *testing.T) {
	r := markdown.New()
	src := "![Members \"at\" the table](photo.jpg)\n\n[The report](./report.pdf), [full size](photo.jpg), [a page](../ana/)\n\n![again](photo.jpg) ![gone](missing.png)\n"
	res, text, err := r.RenderWithFiles([]byte(src), nil, &fakeFiles{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><img src="abc-960w.webp" alt="Members &quot;at&quot; the table" srcset="abc-480w.webp 480w, abc-960w.webp 960w" sizes="(min-width: 45em) 40em, 100vw" width="960" height="640" decoding="async"></p>
<p><a href="report.pdf">The report</a>, <a href="abc-960w.webp">full size</a>, <a href="../ana/">a page</a></p>
<p><img src="abc-960w.webp" alt="again" srcset="abc-480w.webp 480w, abc-960w.webp 960w" sizes="(min-width: 45em) 40em, 100vw" width="960" height="640" loading="lazy" decoding="async"> <img src="missing.png" alt="gone"></p>
`
	if string(res.HTML) != want {
		t.Errorf("got\n%s\nwant\n%s", res.HTML, want)
	}
	// The search index takes the images' alt texts.
	if !strings.Contains(string(text), `Members "at" the table`) || !strings.Contains(string(text), "again") {
		t.Errorf("the text lacks the alt texts: %q", text)
	}
	// Without files, the document renders as it always did.
	plain, _, err := r.RenderHTMLAppendingText([]byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(plain.HTML), `<img src="photo.jpg" alt="Members &quot;at&quot; the table">`) {
		t.Errorf("without files: %s", plain.HTML)
	}
}
