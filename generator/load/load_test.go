package load_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/load"
	"github.com/agora-community/agora/generator/schema"
)

// repo writes files (slash paths) into a new folder and opens it as a root.
func repo(t *testing.T, files map[string]string) *os.Root {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func defaultSchema(t *testing.T) *schema.Schema {
	t.Helper()
	s, diags := schema.Load(agora.DefaultSchema, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return s
}

func format(l diag.List) string {
	l.Sort()
	var b strings.Builder
	for _, d := range l {
		sev := ""
		if d.Severity == diag.Warning {
			sev = "warning: "
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s%s: %s\n", d.File, d.Line, d.Col, sev, d.Code, d.Message)
	}
	return b.String()
}

func TestLoadEntries(t *testing.T) {
	root := repo(t, map[string]string{
		"content/members/ana.md":          "+++\nname = \"Ana\"\nkind = \"individual\"\n+++\n# Ana\n\nBody text.\n",
		"content/members/ben.toml":        "name = \"Ben\"\nkind = \"organization\"\ndraft = true\n",
		"content/members/crlf.md":         "+++\r\nname = \"Crlf\"\r\n+++\r\nLine one.\r\n",
		"content/members/bom.md":          "\ufeff+++\nname = \"Bom\"\n+++\nBody after a BOM.\n",
		"content/topics/peer-learning.md": "+++\nname = \"Peer learning\"\n+++\n",
		"content/pages/about.md":          "+++\ntitle = \"About\"\n+++\n",
		"content/minutes/2024-01-01-x.md": "+++\ntitle = \"Meeting\"\n+++\n",
		"site.toml":                       "not read by load",
	})
	c, diags, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("unexpected problems:\n%s", format(diags))
	}
	var got []string
	for _, e := range c.Entries {
		got = append(got, e.ID()+"="+e.File)
	}
	want := "member ana=content/members/ana.md member ben=content/members/ben.toml member bom=content/members/bom.md " +
		"member crlf=content/members/crlf.md minutes 2024-01-01-x=content/minutes/2024-01-01-x.md " +
		"page about=content/pages/about.md topic peer-learning=content/topics/peer-learning.md"
	if strings.Join(got, " ") != want {
		t.Errorf("entries, sorted by type then slug:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	byID := map[string]*load.Entry{}
	for _, e := range c.Entries {
		byID[e.ID()] = e
	}
	ana := byID["member ana"]
	if ana.Title() != "Ana" || ana.Draft() || ana.Fields["kind"] != "individual" || ana.BodyLine != 5 {
		t.Errorf("ana: title %q, draft %v, fields %v, body line %d", ana.Title(), ana.Draft(), ana.Fields, ana.BodyLine)
	}
	if b, err := c.Body(ana); err != nil || string(b) != "# Ana\n\nBody text.\n" {
		t.Errorf("ana's body = %q, %v", b, err)
	}
	ben := byID["member ben"]
	if !ben.Draft() || ben.BodyStart != -1 {
		t.Errorf("ben: draft %v, body start %d", ben.Draft(), ben.BodyStart)
	}
	if b, err := c.Body(ben); err != nil || b != nil {
		t.Errorf("a .toml entry has no body: %q, %v", b, err)
	}
	if b, err := c.Body(byID["member crlf"]); err != nil || string(b) != "Line one.\r\n" {
		t.Errorf("crlf body = %q, %v", b, err)
	}
	if b, err := c.Body(byID["member bom"]); err != nil || string(b) != "Body after a BOM.\n" {
		t.Errorf("bom body = %q, %v", b, err)
	}
	if e := byID["minutes 2024-01-01-x"]; e.Title() != "Meeting" {
		t.Errorf("title = %q", e.Title())
	}
	if e := byID["page about"]; e.Type.Name != "page" || e.Slug != "about" {
		t.Errorf("about: %s", e.ID())
	}
	if len(c.Broken) != 0 {
		t.Errorf("broken: %v", c.Broken)
	}
}

func TestTitleFallsBackToSlug(t *testing.T) {
	root := repo(t, map[string]string{"content/members/no-name.toml": "kind = \"individual\"\n"})
	c, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Entries[0].Title(); got != "no-name" {
		t.Errorf("Title() = %q", got)
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  load.Options
		want  string
		// broken lists "type/slug" of the files that could not be read
		broken string
	}{
		{
			name: "malformed TOML with the front matter's line offset",
			files: map[string]string{
				"content/members/a.md":   "+++\nname = \"A\"\nkind = individual\n+++\n",
				"content/members/b.toml": "name = \"B\"\n\nkind = individual\n",
				"content/members/c.md":   "\ufeff+++\r\nname = \"C\"\r\nkind = [\r\n+++\r\n",
			},
			// (the TOML decoder's message drops the first letter of the word)
			want: "content/members/a.md:3:8: toml-syntax: malformed TOML: expected value but found \"ndividual\" instead\n" +
				"content/members/b.toml:3:8: toml-syntax: malformed TOML: expected value but found \"ndividual\" instead\n" +
				"content/members/c.md:3:9: toml-syntax: malformed TOML: unexpected EOF; expected value\n",
			broken: "member/a member/b member/c",
		},
		{
			name: "front matter delimiters",
			files: map[string]string{
				"content/members/a.md": "name = \"A\"\n",
				"content/members/b.md": "+++\nname = \"B\"\n",
				"content/members/c.md": "+++\nname = \"C\"\n+++\n",
			},
			want: "content/members/a.md:1:1: front-matter: missing +++ at the start of the file\n" +
				"content/members/b.md:1:1: front-matter: the front matter opened by +++ on line 1 is never closed\n",
			broken: "member/a member/b",
		},
		{
			name: "encodings",
			files: map[string]string{
				"content/members/a.md":   "+++\nname = \"Caf\xe9\"\n+++\n",
				"content/members/b.toml": "\n\n  name = \"ok\" # \xff\n",
				"content/members/c.md":   "+++\nname = \"C\"\n+++\nbody \x00 with a NUL\n",
				"content/members/d.md":   "",
				"content/members/e.toml": "\ufeff \n\t\r\n",
				"content/members/f.md":   "+++\nname = \"ñandú\"\n+++\nok ñ \xc3(\n",
			},
			want: "content/members/a.md:2:12: bad-utf8: the file is not valid UTF-8\n" +
				"content/members/b.toml:3:17: bad-utf8: the file is not valid UTF-8\n" +
				"content/members/c.md:0:0: binary-file: the file holds binary data, not text\n" +
				"content/members/d.md:0:0: empty-file: the file is empty\n" +
				"content/members/e.toml:0:0: empty-file: the file is empty\n" +
				"content/members/f.md:4:6: bad-utf8: the file is not valid UTF-8\n",
			broken: "member/a member/b member/c member/d member/e member/f",
		},
		{
			name: "the size limit",
			files: map[string]string{
				"content/members/a.toml": "name = \"" + strings.Repeat("x", 100) + "\"\n",
				"content/members/b.toml": "name = \"B\"\n",
			},
			opts:   load.Options{MaxFileSize: 50},
			want:   "content/members/a.toml:0:0: too-large: the file is 110 bytes, over the limit of 50 bytes\n",
			broken: "member/a",
		},
		{
			name: "file and folder names",
			files: map[string]string{
				"content/members/My Page.md":      "+++\nname = \"x\"\n+++\n",
				"content/members/Ana.toml":        "name = \"x\"\n",
				"content/members/-lead.toml":      "name = \"x\"\n",
				"content/members/ok-2.toml":       "name = \"x\"\n",
				"content/members/notes.txt":       "x",
				"content/members/.DS_Store":       "x",
				"content/members/x.md/inner.md":   "x",
				"content/members/sub/deeper.md":   "x",
				"content/member/x.md":             "x",
				"content/blog/x.md":               "x",
				"content/index.md":                "x",
				"content/.hidden/x.md":            "x",
				"content/pages/photo.JPG":         "x",
				"content/topics/README":           "x",
				"content/topics/peer.learning.md": "+++\nname = \"x\"\n+++\n",
			},
			want: "content/blog:0:0: unknown-folder: no type uses the folder \"blog\"\n" +
				"content/index.md:0:0: misplaced-file: an entry must sit in a type's folder\n" +
				"content/member:0:0: unknown-folder: no type uses the folder \"member\"\n" +
				"content/members/-lead.toml:0:0: bad-file-name: the file name is not a valid slug\n" +
				"content/members/Ana.toml:0:0: bad-file-name: the file name is not a valid slug\n" +
				"content/members/My Page.md:0:0: bad-file-name: the file name is not a valid slug\n" +
				"content/members/notes.txt:0:0: warning: ignored-file: not an entry, so it is not published\n" +
				"content/members/sub:0:0: nested-folder: entries sit directly in their type's folder, or in a folder of their own with an index.md\n" +
				"content/members/x.md:0:0: nested-folder: entries sit directly in their type's folder, or in a folder of their own with an index.md\n" +
				"content/pages/photo.JPG:0:0: warning: ignored-file: not an entry, so it is not published\n" +
				"content/topics/README:0:0: warning: ignored-file: not an entry, so it is not published\n" +
				"content/topics/peer.learning.md:0:0: bad-file-name: the file name is not a valid slug\n",
		},
		{
			name: "duplicate slugs",
			files: map[string]string{
				"content/members/x.md":   "+++\nname = \"x\"\n+++\n",
				"content/members/x.toml": "name = \"x\"\n",
				"content/topics/x.toml":  "name = \"x\"\n", // another type: no clash
			},
			want: "content/members/x.toml:0:0: duplicate-slug: two member entries have the slug \"x\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := repo(t, tt.files)
			c, diags, err := load.Load(context.Background(), root, defaultSchema(t), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := format(diags); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			var broken []string
			for k := range c.Broken {
				broken = append(broken, k)
			}
			slicesSort(broken)
			if got := strings.Join(broken, " "); got != tt.broken {
				t.Errorf("broken: %q, want %q", got, tt.broken)
			}
			for _, e := range c.Entries {
				if c.Broken[e.Type.Name+"/"+e.Slug] {
					t.Errorf("%s is both loaded and broken", e.ID())
				}
			}
		})
	}
}

func slicesSort(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestDuplicateSlugKeepsOneEntry(t *testing.T) {
	root := repo(t, map[string]string{
		"content/members/x.md":   "+++\nname = \"from md\"\n+++\n",
		"content/members/x.toml": "name = \"from toml\"\n",
	})
	c, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries) != 1 || c.Entries[0].File != "content/members/x.md" {
		t.Errorf("entries: %v", c.Entries)
	}
}

func TestNoContentFolder(t *testing.T) {
	root := repo(t, map[string]string{"site.toml": ""})
	if _, _, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{}); err == nil {
		t.Error("no error without content/")
	}
}

func TestLoadIsCancelled(t *testing.T) {
	root := repo(t, map[string]string{"content/members/a.toml": "name = \"a\"\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := load.Load(ctx, root, defaultSchema(t), load.Options{}); err == nil {
		t.Error("a cancelled load gave no error")
	}
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(name, target string) {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	write("repo/content/members/real.toml", "name = \"Real\"\n")
	write("repo/shared/inside.toml", "name = \"Inside\"\n")
	write("outside.toml", "name = \"Outside\"\n")
	write("repo/content/topics/t.toml", "name = \"T\"\n")
	link("repo/content/members/inside.toml", "../../shared/inside.toml")
	link("repo/content/members/outside.toml", "../../../outside.toml")
	link("repo/content/members/abs.toml", filepath.Join(dir, "outside.toml"))
	link("repo/content/members/loop.toml", "loop.toml")
	link("repo/content/members/dangling.toml", "nothing.toml")
	link("repo/content/members/dir.toml", "../topics")
	link("repo/content/pages", "../shared")
	root, err := os.OpenRoot(filepath.Join(dir, "repo"))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	c, diags, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const escape = ": symlink: a link that points outside the repository, nowhere, or in a loop\n"
	want := "content/members/abs.toml:0:0" + escape +
		"content/members/dangling.toml:0:0" + escape +
		"content/members/dir.toml:0:0: symlink: a link to a folder\n" +
		"content/members/loop.toml:0:0" + escape +
		"content/members/outside.toml:0:0" + escape +
		"content/pages:0:0: symlink: a link to a folder\n"
	if got := format(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var ids []string
	for _, e := range c.Entries {
		ids = append(ids, e.ID())
	}
	if got := strings.Join(ids, ", "); got != "member inside, member real, topic t" {
		t.Errorf("entries: %s", got)
	}
	for _, slug := range []string{"abs", "dangling", "loop", "outside"} {
		if !c.Broken["member/"+slug] {
			t.Errorf("member/%s is not marked broken: %v", slug, c.Broken)
		}
	}
}

func TestLocate(t *testing.T) {
	root := repo(t, map[string]string{
		"content/minutes/m.md":     "+++\ntitle = \"M\"\nattendees = [\n  \"ana\",\n  \"ben\",\n]\n\n[[actions]]\ntask = \"x\"\n\n[[actions]]\n  owner = \"ana\"\n+++\nbody\n",
		"content/members/bom.toml": "\ufeffname = \"Ñandú\"\r\nkind = \"x\"\r\n",
		"content/members/bad.md":   "+++\nname = \"x\n+++\n",
		"content/members/nofm.md":  "name = \"x\"\n",
	})
	diags := diag.List{
		{File: "content/minutes/m.md", Key: "title", Pending: true},
		{File: "content/minutes/m.md", Key: "title", AtValue: true, Pending: true},
		{File: "content/minutes/m.md", Key: "attendees.1", Pending: true},
		{File: "content/minutes/m.md", Key: "actions.1", Pending: true},
		{File: "content/minutes/m.md", Key: "actions.1.owner", AtValue: true, Pending: true},
		{File: "content/minutes/m.md", Key: "actions.0.owner", Pending: true}, // not there: its table
		{File: "content/minutes/m.md", Key: "", Pending: true},                // the whole front matter
		{File: "content/members/bom.toml", Key: "kind", AtValue: true, Pending: true},
		{File: "content/members/bom.toml", Key: "name", AtValue: true, Pending: true},
		{File: "content/members/bad.md", Key: "name", Pending: true},
		{File: "content/members/nofm.md", Key: "name", Pending: true},
		{File: "content/members/gone.md", Key: "name", Pending: true},
		{File: "content/minutes/m.md", Key: "title", Line: 7, Col: 7}, // not pending: left alone
	}
	load.Locate(root, diags)
	want := []string{"2:1", "2:9", "5:3", "11:1", "12:11", "8:1", "2:1", "2:8", "1:8", "1:1", "1:1", "1:1", "7:7"}
	for i, d := range diags {
		if got := fmt.Sprintf("%d:%d", d.Line, d.Col); got != want[i] || d.Pending {
			t.Errorf("%s %q (value %v): %s, pending %v; want %s", d.File, d.Key, d.AtValue, got, d.Pending, want[i])
		}
	}

	// Each placed diagnostic carries its line's text, which the text
	// output quotes just as it would after reading the file.
	quoted := 0
	for _, d := range diags {
		if d.Source != "" {
			quoted++
		}
	}
	if quoted < 8 {
		t.Errorf("only %d diagnostics carry their line", quoted)
	}
	printed := func() string {
		var b strings.Builder
		diag.Printer{Format: "text", ReadFile: root.ReadFile}.Print(&b, diags)
		return b.String()
	}
	withSource := printed()
	for i := range diags {
		diags[i].Source = ""
	}
	if fromFile := printed(); withSource != fromFile {
		t.Errorf("quoted from the diagnostics:\n%s\nfrom the files:\n%s", withSource, fromFile)
	}
}

// BodyInto reads every body not kept into one buffer, grown when a file
// does not fit, and gives the same bodies as Body.
func TestBodyIntoReusesOneBuffer(t *testing.T) {
	long := strings.Repeat("A longer body. ", 100)
	root := repo(t, map[string]string{
		"content/members/ana.md": "+++\nname = \"Ana\"\n+++\nShort.\n",
		"content/members/bom.md": "\ufeff+++\nname = \"Bom\"\n+++\nAfter a BOM.\n",
		"content/members/cy.md":  "+++\nname = \"Cy\"\n+++\n" + long,
		"content/members/di.md":  "+++\nname = \"Di\"\n+++\nShort again.\n",
	})
	// Bodies kept from the load are not read again (TestKeptBodies).
	c, diags, err := load.Load(context.Background(), root, defaultSchema(t), load.Options{KeptBodies: -1})
	if err != nil || len(diags) > 0 {
		t.Fatalf("load: %v %v", err, diags)
	}
	buf := make([]byte, 0, 64)
	want := map[string]string{"ana": "Short.\n", "bom": "After a BOM.\n", "cy": long, "di": "Short again.\n"}
	for _, e := range c.Entries {
		before := unsafe.SliceData(buf)
		b, err := c.BodyInto(e, &buf)
		if err != nil || string(b) != want[e.Slug] {
			t.Errorf("%s: body %q, %v; want %q", e.Slug, b, err, want[e.Slug])
		}
		fits := e.Slug != "cy" && runtime.GOOS != "windows" && runtime.GOOS != "plan9" // elsewhere os.Root reads
		if reused := unsafe.SliceData(buf) == before; reused != fits {
			t.Errorf("%s: buffer reused %v, want %v (capacity now %d)", e.Slug, reused, fits, cap(buf))
		}
		if plain, _ := c.Body(e); string(plain) != string(b) {
			t.Errorf("%s: Body %q, BodyInto %q", e.Slug, plain, b)
		}
	}
	if cap(buf) < len(long) {
		t.Errorf("the buffer was not kept grown: capacity %d", cap(buf))
	}
}

// The draft flag follows the fields last set, whether through SetFields
// (noted once) or by assigning Fields (read at each call).
func TestDraftFollowsFields(t *testing.T) {
	var e load.Entry
	e.SetFields(map[string]any{"draft": true})
	if !e.Draft() {
		t.Error("SetFields(draft = true): Draft() = false")
	}
	e.SetFields(map[string]any{"draft": "yes"})
	if e.Draft() {
		t.Error(`SetFields(draft = "yes"): only a boolean true makes a draft`)
	}
	e.SetFields(map[string]any{})
	if e.Draft() {
		t.Error("SetFields without draft: Draft() = true")
	}
	direct := load.Entry{Fields: map[string]any{"draft": true}}
	if !direct.Draft() {
		t.Error("Fields assigned directly: Draft() = false")
	}
}
