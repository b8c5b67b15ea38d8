package render

import (
	"net/url"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/scaffold"
)

// TestAddURL: a type's list links to the host's new-file page in the
// type's folder, filled in with exactly what agora new writes; entry
// pages and sites without [repo] have no such link; [cms] backend names
// the host's kind.
func TestAddURL(t *testing.T) {
	s, entry := testSite(t, "https://github.com/example-network/knowledge-base", "main", "en", nil, Input{})
	list := s.newPage("index", "Members", "members/")
	list.Type = s.in.Schema.Type("member")
	u, err := url.Parse(list.AddURL())
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != "https://github.com/example-network/knowledge-base/new/main/content/members" {
		t.Errorf("AddURL %s", list.AddURL())
	}
	if q := u.Query(); q.Get("filename") != "new-member.md" || q.Get("value") != string(scaffold.Entry(list.Type, "")) {
		t.Errorf("AddURL prefill: %q\n%s", q.Get("filename"), q.Get("value"))
	}
	if entry.AddURL() != "" {
		t.Errorf("an entry page has an Add link: %s", entry.AddURL())
	}

	s.in.Config.RepoURL, s.in.Config.CMS.Backend = "https://code.example.org/net/kb", "gitlab"
	if got := list.AddURL(); got != "https://code.example.org/net/kb/-/new/main/content/members" {
		t.Errorf("GitLab named by [cms] backend: %s", got)
	}
	if got := entry.EditURL(); !strings.HasPrefix(got, "https://code.example.org/net/kb/-/edit/main/") {
		t.Errorf("GitLab named by [cms] backend: edit %s", got)
	}

	s.in.Config.RepoURL = ""
	if list.AddURL() != "" {
		t.Error("an Add link without [repo]")
	}
}
