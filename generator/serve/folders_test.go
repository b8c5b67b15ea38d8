package serve

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// drawing is a w×h PNG of one colour.
func drawing(t *testing.T, w, h int, c color.RGBA) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		m.Pix[i], m.Pix[i+1], m.Pix[i+2], m.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// overlayOf is the overlay's text in a page.
func overlayOf(body string) string {
	if i := strings.Index(body, `id="agora-overlay"`); i >= 0 {
		return body[i:]
	}
	return "(no overlay)"
}

var imgSrc = regexp.MustCompile(`<img src="([0-9a-f]{12}-(\d+)w\.\w+)" alt="A drawing" srcset="[^"]+" sizes="[^"]+" width="(\d+)"`)

// TestEntryFolderFilesLive: adding, replacing and deleting a file of an
// entry folder shows on the entry's page as the file is saved, and a file
// that cannot be published shows in the overlay at the reference to it,
// while the last good page stays.
func TestEntryFolderFilesLive(t *testing.T) {
	base, src := startServer(t)
	dir := filepath.Join(src, "content", "pages", "gallery")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "drawing.png"), drawing(t, 120, 80, color.RGBA{200, 40, 40, 255}), 0o644)
	os.WriteFile(filepath.Join(dir, "index.md"), []byte("+++\ntitle = \"Gallery\"\n+++\n\n![A drawing](drawing.png)\n\nThe [report](report.pdf).\n"), 0o644)
	url := base + "gallery/"

	// The report is not there yet: reported at its link.
	body := waitFor(t, base, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "content/pages/gallery/index.md:7:14: error: &#34;report.pdf&#34; is not a file of the entry&#39;s folder") {
		t.Errorf("the overlay does not place the missing report:\n%s", overlayOf(body))
	}
	os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF-1.4\n%%EOF\n"), 0o644)
	body = waitFor(t, url, func(s int, b string) bool {
		return s == 200 && imgSrc.MatchString(b) && !strings.Contains(b, `id="agora-overlay"`)
	})
	m := imgSrc.FindStringSubmatch(body)
	if m[3] != "120" {
		t.Errorf("the drawing is %s pixels wide on the page, want 120", m[3])
	}
	if status, data := get(t, url+m[1]); status != 200 || len(data) == 0 {
		t.Errorf("%s: status %d", m[1], status)
	}
	if status, data := get(t, url+"report.pdf"); status != 200 || data != "%PDF-1.4\n%%EOF\n" {
		t.Errorf("report.pdf: status %d, %q", status, data)
	}

	// Replaced by a larger drawing: the page shows the new copies.
	os.WriteFile(filepath.Join(dir, "drawing.png"), drawing(t, 300, 200, color.RGBA{40, 40, 200, 255}), 0o644)
	body = waitFor(t, url, func(_ int, b string) bool {
		m := imgSrc.FindStringSubmatch(b)
		return m != nil && m[3] == "300"
	})

	// Replaced by a web page under the same name: refused, the last good
	// page stays, with the problem at the reference.
	os.WriteFile(filepath.Join(dir, "drawing.png"), []byte("<!doctype html><script>alert(1)</script>"), 0o644)
	body = waitFor(t, url, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "content/pages/gallery/index.md:5:14: error: the file&#39;s content is not a kind Agora publishes") || !imgSrc.MatchString(body) {
		t.Errorf("the overlay does not place the refused drawing, or the last good page is gone:\n%s", overlayOf(body))
	}

	// Deleted: a missing file, at the reference.
	os.Remove(filepath.Join(dir, "drawing.png"))
	waitFor(t, url, func(_ int, b string) bool {
		return strings.Contains(b, "content/pages/gallery/index.md:5:14: error: &#34;drawing.png&#34; is not a file of the entry&#39;s folder")
	})
}
