package repohost

import (
	"net/url"
	"testing"
)

// The address forms of each host, as data: the new-file page (with its
// prefill where the host takes one), the edit page, the history and a
// commit.
var hosts = []struct {
	name                           string
	repo                           Repo
	newFile, edit, history, commit string
	prefilled                      bool
}{
	{"GitHub", Repo{URL: "https://github.com/example-network/knowledge-base"},
		"https://github.com/example-network/knowledge-base/new/main/content/members",
		"https://github.com/example-network/knowledge-base/edit/main/content/members/ana.md",
		"https://github.com/example-network/knowledge-base/commits/main/content/members/ana.md",
		"https://github.com/example-network/knowledge-base/commit/0123abc", true},
	{"GitHub with .git, slash and a branch", Repo{URL: "https://github.com/net/kb.git/", Branch: "site"},
		"https://github.com/net/kb/new/site/content/members",
		"https://github.com/net/kb/edit/site/content/members/ana.md",
		"https://github.com/net/kb/commits/site/content/members/ana.md",
		"https://github.com/net/kb/commit/0123abc", true},
	{"GitLab", Repo{URL: "https://gitlab.com/red-sonora/conocimiento", Branch: "trunk"},
		"https://gitlab.com/red-sonora/conocimiento/-/new/trunk/content/members",
		"https://gitlab.com/red-sonora/conocimiento/-/edit/trunk/content/members/ana.md",
		"https://gitlab.com/red-sonora/conocimiento/-/commits/trunk/content/members/ana.md",
		"https://gitlab.com/red-sonora/conocimiento/-/commit/0123abc", false},
	{"self-hosted GitLab in a group", Repo{URL: "https://gitlab.example.org/networks/steppe/kb"},
		"https://gitlab.example.org/networks/steppe/kb/-/new/main/content/members",
		"https://gitlab.example.org/networks/steppe/kb/-/edit/main/content/members/ana.md",
		"https://gitlab.example.org/networks/steppe/kb/-/commits/main/content/members/ana.md",
		"https://gitlab.example.org/networks/steppe/kb/-/commit/0123abc", false},
	{"Forgejo (Codeberg)", Repo{URL: "https://codeberg.org/mekong-circle/kb"},
		"https://codeberg.org/mekong-circle/kb/_new/main/content/members",
		"https://codeberg.org/mekong-circle/kb/_edit/main/content/members/ana.md",
		"https://codeberg.org/mekong-circle/kb/commits/branch/main/content/members/ana.md",
		"https://codeberg.org/mekong-circle/kb/commit/0123abc", true},
	{"a GitLab whose name does not say so, named by [cms] backend", Repo{URL: "https://code.example.org/net/kb", Kind: "gitlab"},
		"https://code.example.org/net/kb/-/new/main/content/members",
		"https://code.example.org/net/kb/-/edit/main/content/members/ana.md",
		"https://code.example.org/net/kb/-/commits/main/content/members/ana.md",
		"https://code.example.org/net/kb/-/commit/0123abc", false},
}

func TestAddresses(t *testing.T) {
	text := []byte("+++\n# Name. Required.\nname = \"\"\n# a + b & c = 100% sí\n+++\n\nWrite the text here, in Markdown.\n")
	for _, h := range hosts {
		t.Run(h.name, func(t *testing.T) {
			got := h.repo.NewFile("content/members/", "new-member.md", text)
			u, err := url.Parse(got)
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			u.RawQuery = ""
			if u.String() != h.newFile {
				t.Errorf("NewFile: %s, want %s?…", got, h.newFile)
			}
			// The host decodes the file's name and text exactly: a
			// space is %20, never a + that a decoder could keep.
			if h.prefilled && (q.Get("filename") != "new-member.md" || q.Get("value") != string(text)) {
				t.Errorf("NewFile prefill: filename %q, value %q", q.Get("filename"), q.Get("value"))
			}
			if !h.prefilled && len(q) != 0 {
				t.Errorf("NewFile: %s has a query this host does not read", got)
			}
			if got := h.repo.Edit("content/members/ana.md"); got != h.edit {
				t.Errorf("Edit: %s, want %s", got, h.edit)
			}
			if got := h.repo.History("content/members/ana.md"); got != h.history {
				t.Errorf("History: %s, want %s", got, h.history)
			}
			if got := h.repo.Commit("0123abc"); got != h.commit {
				t.Errorf("Commit: %s, want %s", got, h.commit)
			}
		})
	}
}

func TestNoRepository(t *testing.T) {
	var r Repo
	if got := r.NewFile("content/members", "x.md", []byte("x")) + r.Edit("a") + r.History("a") + r.Commit("a"); got != "" {
		t.Errorf("links without [repo]: %q", got)
	}
}

// TestSpaceIsNotPlus: the value carries a space as %20 and a plus as
// %2B, whichever way the host decodes a query.
func TestSpaceIsNotPlus(t *testing.T) {
	got := Repo{URL: "https://github.com/a/b"}.NewFile("content/x", "n.md", []byte("a b+c"))
	if want := "https://github.com/a/b/new/main/content/x?filename=n.md&value=a%20b%2Bc"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
}
