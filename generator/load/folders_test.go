package load_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/media"
	"github.com/agora-community/agora/generator/media/mediatest"
)

// picture is a w×h image encoded as format ("jpeg" or "png").
func picture(t *testing.T, format string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

const gatheringMinutes = `+++
title = "Gathering"
date = 2025-06-12
rapporteur = "ana"
attachments = [{ src = "report.pdf", title = "Report" }]
+++

The group ![Members at the table](photo.jpg) met.

![](wide.png) and [the report](report.pdf).
`

// TestEntryFolder: content/FOLDER/SLUG/index.md is the entry SLUG, with
// every other file of its folder as its files, each told apart by its
// bytes; the body's references to them are placed in the file.
func TestEntryFolder(t *testing.T) {
	big := picture(t, "jpeg", 300, 200)
	root := repo(t, map[string]string{
		"content/minutes/gathering/index.md":   gatheringMinutes,
		"content/minutes/gathering/photo.jpg":  big,
		"content/minutes/gathering/wide.png":   picture(t, "png", 40, 20),
		"content/minutes/gathering/report.pdf": "%PDF-1.4\n1 0 obj << /Author (Ana Ferrer) >> endobj\ntrailer << /Info 1 0 R >>\n%%EOF\n",
		"content/minutes/gathering/evil.jpg":   "<!doctype html><script>alert(1)</script>",
		"content/minutes/gathering/.DS_Store":  "ignored",
		"content/minutes/gathering/old/x.jpg":  big,
		"content/members/ana/index.toml":       "name = \"Ana\"\nkind = \"individual\"\n",
		"content/members/ben.md":               "+++\nname = \"Ben\"\nkind = \"individual\"\n+++\n",
		"content/members/ben/index.md":         "+++\nname = \"Ben again\"\nkind = \"individual\"\n+++\n",
		"content/members/loose/notes.txt":      "no index.md here",
		"content/members/Casa Sol/index.md":    "+++\nname = \"Casa\"\nkind = \"organization\"\n+++\n",
	})
	c, diags, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := format(diags)
	for _, want := range []string{
		"content/members/Casa Sol/index.md:0:0: bad-file-name: the folder name is not a valid slug\n",
		"content/members/ben/index.md:0:0: duplicate-slug: two member entries have the slug \"ben\"\n",
		"content/members/loose:0:0: nested-folder:",
		"content/minutes/gathering/old:0:0: entry-subfolder: an entry folder holds files, not folders\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the load's problems lack %q:\n%s", want, got)
		}
	}
	var gathering, ana *load.Entry
	for _, e := range c.Entries {
		switch e.ID() {
		case "minutes gathering":
			gathering = e
		case "member ana":
			ana = e
		}
	}
	if gathering == nil || ana == nil {
		t.Fatalf("entries: %v", slugs(c))
	}
	if gathering.Folder != "content/minutes/gathering" || gathering.File != "content/minutes/gathering/index.md" || ana.Folder != "content/members/ana" {
		t.Errorf("folders: %q %q %q", gathering.Folder, gathering.File, ana.Folder)
	}
	var files []string
	for _, f := range gathering.Files {
		s := fmt.Sprintf("%s %d %v", f.Name, f.Size, f.Kind)
		if f.Problem != nil {
			s += " refused: " + f.Problem.Code
		}
		if f.Kind.Class() == media.Image && f.Problem == nil {
			s += fmt.Sprintf(" %d×%d", f.Image.Width, f.Image.Height)
		}
		for _, n := range f.Notes {
			s += " note: " + n.Code
		}
		files = append(files, s)
	}
	want := []string{
		"evil.jpg 40 unknown refused: file-kind",
		fmt.Sprintf("photo.jpg %d JPEG image 300×200", len(big)),
		"report.pdf 83 PDF document note: pdf-author",
		"wide.png " + fmt.Sprint(len(picture(t, "png", 40, 20))) + " PNG image 40×20",
	}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	if f, ok := gathering.FileNamed("report.pdf"); !ok || f.Name != "report.pdf" {
		t.Errorf("FileNamed(report.pdf) = %v, %v", f, ok)
	}
	if _, ok := gathering.FileNamed("missing.pdf"); ok {
		t.Error("FileNamed found a file that is not there")
	}
	var refs []string
	for _, r := range gathering.Refs {
		refs = append(refs, fmt.Sprintf("%d:%d %s image=%v alt=%q | %s", r.Line, r.Col, r.Name, r.Image, r.Alt, r.Source))
	}
	wantRefs := []string{
		`8:35 photo.jpg image=true alt="Members at the table" | The group ![Members at the table](photo.jpg) met.`,
		`10:5 wide.png image=true alt="" | ![](wide.png) and [the report](report.pdf).`,
		`10:32 report.pdf image=false alt="" | ![](wide.png) and [the report](report.pdf).`,
	}
	if strings.Join(refs, "\n") != strings.Join(wantRefs, "\n") {
		t.Errorf("refs:\n%s\nwant\n%s", strings.Join(refs, "\n"), strings.Join(wantRefs, "\n"))
	}
}

// TestEntryFolderSizeLimit: a file over the limit is refused from its
// size, before a byte of it is read.
func TestEntryFolderSizeLimit(t *testing.T) {
	root := repo(t, map[string]string{
		"content/members/ana/index.md":  "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\n",
		"content/members/ana/logo.png":  strings.Repeat("x", 3000),
		"content/members/ana/small.txt": "small",
	})
	c, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{MaxFileSize: 2048})
	if err != nil {
		t.Fatal(err)
	}
	files := c.Entries[0].Files
	if len(files) != 2 || files[0].Problem == nil || files[0].Problem.Code != "file-too-large" || files[0].Kind != media.Unknown {
		t.Fatalf("logo.png: %+v", files[0])
	}
	if files[1].Problem != nil || files[1].Kind != media.Text {
		t.Errorf("small.txt: %+v", files[1])
	}
}

// TestReloadEntryFolder: the preview server reads an entry folder's
// index.md again with the folder's files as they now are, and finds the
// entry a file of the folder belongs to.
func TestReloadEntryFolder(t *testing.T) {
	root := repo(t, map[string]string{
		"content/members/ana/index.md": "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\n",
		"content/members/ana/logo.png": picture(t, "png", 8, 8),
	})
	sch := defaultSchema(t)
	l, plain := load.Reload(root, sch, "content/members/ana/index.md", load.Options{})
	if !plain || l.Entry == nil || l.Slug != "ana" || len(l.Entry.Files) != 1 || l.Entry.Files[0].Kind != media.PNG {
		t.Fatalf("Reload: %+v, %v", l, plain)
	}
	if p, ok := load.EntryFileOf(root, sch, "content/members/ana/logo.png"); !ok || p != "content/members/ana/index.md" {
		t.Errorf("EntryFileOf(logo.png) = %q, %v", p, ok)
	}
	if _, ok := load.EntryFileOf(root, sch, "content/members/ben/logo.png"); ok {
		t.Error("EntryFileOf found an entry for a folder without one")
	}
	if err := root.Mkdir("content/members/ana/old", 0o755); err != nil {
		t.Fatal(err)
	}
	if _, plain := load.Reload(root, sch, "content/members/ana/index.md", load.Options{}); plain {
		t.Error("an entry folder holding a folder was read again alone; only a whole load reports on it")
	}
}

// TestEntryFolderTranslation: index.LANG.md in an entry folder is the
// translation of its entry (content model v2, SLUG/index.LANG.md), not
// one of its files; read again alone it keeps its slug and language.
func TestEntryFolderTranslation(t *testing.T) {
	root := repo(t, map[string]string{
		"content/members/ana/index.md":    "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\n![Logo](logo.png)\n",
		"content/members/ana/index.es.md": "+++\nname = \"Ana (es)\"\n+++\n",
		"content/members/ana/logo.png":    picture(t, "png", 8, 8),
	})
	sch := defaultSchema(t)
	c, diags, err := load.Load(context.Background(), root, sch, load.Options{})
	if err != nil || len(diags) > 0 {
		t.Fatalf("Load: %v\n%s", err, format(diags))
	}
	if len(c.Entries) != 1 || len(c.Entries[0].Files) != 1 || c.Entries[0].Files[0].Name != "logo.png" {
		t.Fatalf("entries: %v, files of the first: %+v", slugs(c), c.Entries[0].Files)
	}
	if len(c.Translations) != 1 {
		t.Fatalf("translations: %d", len(c.Translations))
	}
	if tr := c.Translations[0]; tr.Slug != "ana" || tr.Lang != "es" || tr.Folder != "content/members/ana" || tr.ID() != "member ana (es)" {
		t.Errorf("translation: slug %q, lang %q, folder %q, ID %q", tr.Slug, tr.Lang, tr.Folder, tr.ID())
	}
	l, plain := load.Reload(root, sch, "content/members/ana/index.es.md", load.Options{})
	if !plain || l.Entry == nil || l.Slug != "ana" || l.Lang != "es" {
		t.Errorf("Reload(index.es.md): %+v, %v", l, plain)
	}
	if _, ok := load.EntryFileOf(root, sch, "content/members/ana/index.es.md"); ok {
		t.Error("EntryFileOf took a translation for a file of the folder")
	}
}

// TestTwins: the other files an entry's slug, or a translation's slug and
// language, could come from.
func TestTwins(t *testing.T) {
	for p, want := range map[string]string{
		"content/members/ana.md":          "content/members/ana.toml content/members/ana/index.md content/members/ana/index.toml",
		"content/members/ana/index.md":    "content/members/ana.md content/members/ana.toml content/members/ana/index.toml",
		"content/members/ana.es.md":       "content/members/ana.es.toml content/members/ana/index.es.md content/members/ana/index.es.toml",
		"content/members/ana/index.es.md": "content/members/ana.es.md content/members/ana.es.toml content/members/ana/index.es.toml",
	} {
		if got := strings.Join(load.Twins(p), " "); got != want {
			t.Errorf("Twins(%s) = %s, want %s", p, got, want)
		}
	}
}

// TestImageHeaderFarIn: an image whose header lies past the first read
// (a phone's EXIF thumbnail and XMP before it), and past the longer
// second one, is still read for its size, and is the same image.
func TestImageHeaderFarIn(t *testing.T) {
	// padded is a JPEG of 30×20 with n bytes of APP segments before its
	// header, in segments of at most 60,000 bytes.
	padded := func(n int) string {
		plain := mediatest.JPEG(t, mediatest.Quadrants(30, 20))
		var segments []byte
		for n > 0 {
			size := min(n, 60_000)
			segments = append(segments, mediatest.JPEGSegment(0xe3, bytes.Repeat([]byte{'x'}, size))...)
			n -= size
		}
		return string(append(append([]byte{0xff, 0xd8}, segments...), plain[2:]...))
	}
	root := repo(t, map[string]string{
		"content/minutes/gathering/index.md": "+++\ntitle = \"Gathering\"\ndate = 2025-06-12\nrapporteur = \"ana\"\n+++\n\n" +
			"![Near](near.jpg) ![Further](further.jpg) ![Far](far.jpg)\n",
		"content/minutes/gathering/near.jpg":    padded(0),
		"content/minutes/gathering/further.jpg": padded(40_000),  // past the first read
		"content/minutes/gathering/far.jpg":     padded(200_000), // past the second: read whole
		"content/members/ana.md":                "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\n",
	})
	c, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Entries {
		for _, f := range e.Files {
			if f.Problem != nil || f.Kind != media.JPEG || f.Image.Width != 30 || f.Image.Height != 20 {
				t.Errorf("%s: kind %v, %d×%d, problem %v", f.Name, f.Kind, f.Image.Width, f.Image.Height, f.Problem)
			}
		}
	}
}
