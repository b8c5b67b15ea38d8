package site

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	_ "golang.org/x/image/webp"

	"github.com/agora-community/agora/generator/media/mediatest"
)

// folderSite writes a small network whose entries are folders: minutes
// with photos from a phone in every format (EXIF GPS, a camera serial,
// XMP, IPTC, ICC and PNG text planted in each, stored turned: EXIF
// orientation 6), a report, a note nobody links to; a member with a logo
// and a private identity photo; a draft with a photo of its own.
func folderSite(t *testing.T) (src string, originals map[string][]byte) {
	t.Helper()
	src = t.TempDir()
	photo := mediatest.Quadrants(300, 200) // stored landscape, shown portrait
	planted := mediatest.PlantedFiles(t, photo, 6)
	originals = map[string][]byte{
		"content/minutes/2025-06-12-gathering/group.jpg":   planted["jpeg"],
		"content/minutes/2025-06-12-gathering/chart.png":   planted["png"],
		"content/minutes/2025-06-12-gathering/street.webp": planted["webp"],
		"content/members/ana/logo.png":                     mediatest.PlantedPNG(t, mediatest.Quadrants(64, 64), 1),
		"content/members/ana/id-card.jpg":                  mediatest.PlantedJPEG(t, mediatest.Quadrants(120, 80), 1),
		"content/minutes/2025-07-01-draft/secret.jpg":      mediatest.PlantedJPEG(t, mediatest.Quadrants(90, 60), 1),
	}
	files := map[string]string{
		"site.toml":          "title = \"Folders\"\nbase_url = \"https://example.org/network/\"\n[images]\nwidths = [100, 200]\n",
		"schema/member.toml": privateIDSchema,
		"content/members/ana/index.md": "+++\nname = \"Ana\"\nkind = \"individual\"\nlogo = { src = \"logo.png\", alt = \"Ana's logo, four squares\" }\n" +
			"id_photo = { src = \"id-card.jpg\", alt = \"Ana's identity card\" }\n+++\n",
		"content/minutes/2025-06-12-gathering/index.md": "+++\ntitle = \"Gathering\"\ndate = 2025-06-12\nrapporteur = \"ana\"\n" +
			"attachments = [{ src = \"report.pdf\", title = \"Report of the gathering\" }, { src = \"chart.png\", title = \"The chart, full size\" }]\n+++\n\n" +
			"![Members zqxalttext around the table](group.jpg)\n\nThe [report](report.pdf) and ![A street](street.webp \"Photo: the network\").\n",
		"content/minutes/2025-06-12-gathering/report.pdf": "%PDF-1.4\n1 0 obj << /Title (Report) >> endobj\ntrailer << /Info 1 0 R >>\n%%EOF\n",
		"content/minutes/2025-06-12-gathering/notes.txt":  "zqxunreferenced notes",
		"content/minutes/2025-07-01-draft/index.md":       "+++\ntitle = \"Draft\"\ndate = 2025-07-01\nrapporteur = \"ana\"\ndraft = true\n+++\n\n![A secret](secret.jpg)\n",
	}
	for name, data := range originals {
		files[name] = string(data)
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src, originals
}

// privateIDSchema is the default member with a private image field.
var privateIDSchema = func() string {
	b, err := os.ReadFile("../../schema/member.toml")
	if err != nil {
		panic(err)
	}
	return string(b) + "\n[fields.id_photo]\ntype = \"image\"\nprivate = true\n"
}()

func buildFolders(t *testing.T, src, out string, drafts bool) (BuildResult, error) {
	t.Helper()
	p, err := Open(context.Background(), Options{Source: src, Today: today, Drafts: drafts, CacheDir: filepath.Join(src, "cache")})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		t.Fatalf("content errors: %v", p.Diags)
	}
	return p.Build(context.Background(), BuildOptions{Out: out})
}

// outputFiles reads every file of a build's output, by slash path.
func outputFiles(t *testing.T, out string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestEntryFolderPhotosPublishedSafe: the photos of an entry folder are
// published only as resized copies, turned as a viewer shows them, and no
// byte of the output holds any planted metadata value or the bytes of an
// original; a document is published as it is; a file only a private field
// names, a file nothing names and a draft's photo are not published.
func TestEntryFolderPhotosPublishedSafe(t *testing.T) {
	t.Parallel()
	src, originals := folderSite(t)
	for name, data := range originals {
		if !bytes.Contains(data, []byte(mediatest.Serial)) || !bytes.Contains(data, binary.BigEndian.AppendUint32(nil, mediatest.GPS[2])) &&
			!bytes.Contains(data, binary.LittleEndian.AppendUint32(nil, mediatest.GPS[2])) {
			t.Fatalf("%s lacks the planted values: the test would prove nothing", name)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildFolders(t, src, out, false); err != nil {
		t.Fatal(err)
	}
	files := outputFiles(t, out)
	var copies []string
	for name, data := range files {
		for _, needle := range mediatest.Needles() {
			if bytes.Contains(data, needle) {
				t.Errorf("%s holds the planted %q", name, needle)
			}
		}
		for src, orig := range originals {
			if bytes.Contains(data, orig[len(orig)/2:len(orig)/2+64]) {
				t.Errorf("%s holds bytes of the original %s", name, src)
			}
		}
		for _, secret := range []string{"zqxunreferenced", "id-card", "identity card", "A secret", "secret.jpg"} {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(secret))) {
				t.Errorf("%s holds %q, which is not published", name, secret)
			}
		}
		if strings.HasPrefix(name, "minutes/2025-06-12-gathering/") && !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".pdf") {
			copies = append(copies, name)
		}
	}
	// Three photos, each at the two widths (all are wider than 200).
	if len(copies) != 6 {
		t.Errorf("the gathering's copies: %v, want 2 of each of its 3 photos", copies)
	}
	for _, name := range copies {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(files[name]))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if cfg.Height <= cfg.Width {
			t.Errorf("%s is %d×%d: the photo stored with orientation 6 was not turned upright", name, cfg.Width, cfg.Height)
		}
		if !regexp.MustCompile(`^minutes/2025-06-12-gathering/[0-9a-f]{12}-(100|200)w\.(webp|jpg|png)$`).MatchString(name) {
			t.Errorf("copy named %s: not a content hash and width", name)
		}
	}
	if got := files["minutes/2025-06-12-gathering/report.pdf"]; !bytes.Equal(got, []byte(read(t, filepath.Join(src, "content/minutes/2025-06-12-gathering/report.pdf")))) {
		t.Errorf("the report was not published as it is: %q", got)
	}
	for name := range files {
		if strings.Contains(name, "ana/") && !strings.HasSuffix(name, ".html") && !strings.Contains(name, "-100w.") && !strings.Contains(name, "-64w.") {
			t.Errorf("ana publishes %s: the logo is 64 pixels wide, so one copy at 64 and none wider; the identity photo none", name)
		}
		if strings.Contains(name, "2025-07-01-draft") {
			t.Errorf("the draft's %s was published", name)
		}
	}
	page := string(files["minutes/2025-06-12-gathering/index.html"])
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`<img src="[0-9a-f]{12}-200w\.\w+" alt="Members zqxalttext around the table" srcset="[0-9a-f]{12}-100w\.\w+ 100w, [0-9a-f]{12}-200w\.\w+ 200w" sizes="\(min-width: 48rem\) 46rem, calc\(100vw - 2rem\)" width="200" height="300" loading="lazy" decoding="async">`),
		regexp.MustCompile(`<img src="[0-9a-f]{12}-200w\.\w+" alt="A street" title="Photo: the network" srcset="[^"]+" sizes="[^"]+" width="200" height="300" loading="lazy" decoding="async">`),
		regexp.MustCompile(`<a href="report\.pdf">report</a>`),
		regexp.MustCompile(`<h2 id="attachments">Attachments</h2>\s*<ul class="attachments">\s*<li><a href="report\.pdf">Report of the gathering</a> <span class="file-meta">PDF document · \d+ bytes</span></li>\s*<li><a href="[0-9a-f]{12}-200w\.\w+">The chart, full size</a> <span class="file-meta">\w+ image · [\d.]+ (bytes|kB)</span></li>`),
	} {
		if !want.MatchString(page) {
			t.Errorf("the minutes page lacks %s", want)
		}
	}
	member := string(files["members/ana/index.html"])
	if !regexp.MustCompile(`<img class="logo" src="[0-9a-f]{12}-64w\.\w+" srcset="[0-9a-f]{12}-64w\.\w+ 64w" sizes="6rem" width="64" height="64" alt="Ana&#39;s logo, four squares" decoding="async">`).MatchString(member) {
		t.Errorf("the member page lacks its logo:\n%s", member)
	}
	feed := string(files["feed.xml"])
	if !regexp.MustCompile(`<link href="https://example.org/network/minutes/2025-06-12-gathering/[0-9a-f]{12}-200w\.\w+" rel="enclosure" type="image/\w+" length="\d+">`).MatchString(feed) ||
		!strings.Contains(feed, `alt=&#34;Members zqxalttext around the table&#34;`) && !strings.Contains(feed, `alt=&amp;#34;Members zqxalttext`) {
		t.Errorf("the feed lacks the gathering's first photo:\n%s", feed)
	}
	if !regexp.MustCompile(`<image xmlns="http://www.google.com/schemas/sitemap-image/1.1">\s*<loc xmlns="http://www.google.com/schemas/sitemap-image/1.1">https://example.org/network/minutes/2025-06-12-gathering/[0-9a-f]{12}-200w\.\w+</loc>`).Match(files["sitemap.xml"]) {
		t.Errorf("the sitemap lists no image:\n%s", files["sitemap.xml"])
	}
	found, _ := grepOutput(t, out, []string{"zqxalttext"})
	if !slices.ContainsFunc(found["zqxalttext"], func(f string) bool { return strings.HasPrefix(f, "search/") }) {
		t.Errorf("the search index lacks the photo's alt text: %v", found["zqxalttext"])
	}
}

// TestFailedImageKeepsPreviousOutput: an image that passes the check (its
// header is whole) but cannot be decoded fails the build at the entry's
// reference to it, and leaves the previous output as it was.
func TestFailedImageKeepsPreviousOutput(t *testing.T) {
	t.Parallel()
	src, originals := folderSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildFolders(t, src, out, false); err != nil {
		t.Fatal(err)
	}
	before := outputFiles(t, out)
	jpeg := originals["content/minutes/2025-06-12-gathering/group.jpg"]
	cut := jpeg[:len(jpeg)-len(jpeg)/3] // the header is whole, a third of the scan is gone
	if err := os.WriteFile(filepath.Join(src, "content/minutes/2025-06-12-gathering/group.jpg"), cut, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildFolders(t, src, out, false)
	var me *MediaError
	if !errors.As(err, &me) {
		t.Fatalf("the build of a broken image: %v, want a MediaError", err)
	}
	if len(me.Diags) != 1 || me.Diags[0].File != "content/minutes/2025-06-12-gathering/index.md" || me.Diags[0].Line != 8 || me.Diags[0].Col != 40 {
		t.Errorf("the broken image is reported at %v, want at its reference, index.md:8:40", me.Diags)
	}
	if !strings.Contains(err.Error(), "content/minutes/2025-06-12-gathering/index.md:8:40: error: the image cannot be read") {
		t.Errorf("the error says:\n%s", err)
	}
	after := outputFiles(t, out)
	if len(after) != len(before) {
		t.Errorf("the output has %d files, had %d", len(after), len(before))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
}

// TestRebuildTakesImagesFromCache: a second build makes no copy again,
// links the cached copies into the output, and publishes the same bytes.
func TestRebuildTakesImagesFromCache(t *testing.T) {
	t.Parallel()
	src, _ := folderSite(t)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		p, err := Open(context.Background(), Options{Source: src, Today: today, CacheDir: filepath.Join(src, "cache")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Build(context.Background(), BuildOptions{Out: out}); err != nil {
			t.Fatal(err)
		}
		if out == b && (p.images.made != 0 || p.images.cached != 4) {
			t.Errorf("the second build made %d images and took %d from the cache, want 0 and 4", p.images.made, p.images.cached)
		}
		p.Close()
	}
	fa, fb := outputFiles(t, a), outputFiles(t, b)
	for name, data := range fa {
		if !bytes.Equal(fb[name], data) {
			t.Errorf("%s differs between the builds", name)
		}
	}
}
