package search_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/site"
)

// A small community with secrets where only the schema says they are
// secret: a member's phone (private in the default schema), a private
// field nested in a community type's tables, a draft, and a draft
// referenced from a published entry.
var privateCommunity = map[string]string{
	"site.toml": "title = \"T\"\nbase_url = \"https://example.org/kb/\"\n",
	"schema/event.toml": `name = "event"
folder = "events"
title = "title"
[fields.title]
type = "string"
required = true
[fields.contact_phone]
type = "string"
private = true
[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.title]
type = "string"
required = true
[fields.sessions.fields.door_code]
type = "string"
private = true
`,
	"content/members/ana.md":                "+++\nname = \"Ana Publicname\"\nkind = \"individual\"\nphone = \"+52 SECRETPHONE 0101\"\n+++\n\nAna mediates water disputes.\n",
	"content/members/hidden.md":             "+++\nname = \"Secretdraftname Person\"\nkind = \"individual\"\ndraft = true\n+++\n\nSecretdraftbody text.\n",
	"content/minutes/2025-01-01-meeting.md": "+++\ntitle = \"Public meeting\"\ndate = 2025-01-01\nrapporteur = \"ana\"\nattendees = [\"ana\", \"hidden\"]\n+++\n\nWe talked about mediation.\n",
	"content/minutes/2025-02-01-draft.md":   "+++\ntitle = \"Secretdrafttitle\"\ndate = 2025-02-01\nrapporteur = \"ana\"\ndraft = true\ndecisions = [\"Secretdraftdecision\"]\n+++\n\nSecretdraftminutes.\n",
	"content/events/fair.md":                "+++\ntitle = \"Spring fair\"\ncontact_phone = \"SECRETEVENTPHONE\"\n[[sessions]]\ntitle = \"Opening\"\ndoor_code = \"SECRETDOORCODE\"\n+++\n",
}

var secrets = []string{"secretphone", "secretdraft", "secreteventphone", "secretdoorcode"}

func buildPrivate(t *testing.T, drafts bool) map[string]string {
	t.Helper()
	src := t.TempDir()
	for name, text := range privateCommunity {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := site.Open(context.Background(), site.Options{Source: src, Drafts: drafts, Today: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		t.Fatalf("content errors: %v", p.Diags)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := p.Build(context.Background(), site.BuildOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	root := filepath.Join(out, "search", "index")
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = strings.ToLower(string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("the index has %d files", len(files))
	}
	return files
}

// TestIndexKeepsSecrets greps every index file for the secrets.
func TestIndexKeepsSecrets(t *testing.T) {
	files := buildPrivate(t, false)
	all := ""
	for path, text := range files {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s contains %q", path, s)
			}
		}
		all += text
	}
	for _, public := range []string{"publicname", "spring fair", "opening", "mediates"} {
		if !strings.Contains(all, public) {
			t.Errorf("the index lacks the public %q: the grep would pass on an empty index", public)
		}
	}
	// With --drafts the drafts are published, and so found: the grep above
	// does look where a draft would be.
	all = ""
	for _, text := range buildPrivate(t, true) {
		all += text
	}
	if !strings.Contains(all, "secretdraft") {
		t.Error("a build with drafts does not index them")
	}
	for _, s := range []string{"secretphone", "secreteventphone", "secretdoorcode"} {
		if strings.Contains(all, s) {
			t.Errorf("a build with drafts indexes the private %q", s)
		}
	}
}
