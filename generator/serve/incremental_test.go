package serve

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// These tests drive a real server on loopback through edits that reach
// beyond the edited file, each page asked for before the edit so that a
// page kept when it should have been rendered again would show.

// primed asks for every url once, so that the server keeps the pages.
func primed(t *testing.T, urls ...string) {
	t.Helper()
	for _, u := range urls {
		if status, _ := get(t, u); status != 200 {
			t.Fatalf("%s: status %d", u, status)
		}
	}
}

func TestOffersReachTopicAndPeers(t *testing.T) {
	base, src := startServer(t)
	topic := base + "topics/disability-inclusion/"
	needer := base + "members/lucia-ferrer/" // needs disability-inclusion, which nobody offers yet
	primed(t, topic, needer)
	for _, u := range []string{topic, needer} {
		if _, body := get(t, u); strings.Contains(body, "altai-craft-women/") {
			t.Fatalf("%s lists Altai Craft Women before the edit", u)
		}
	}
	edit(t, filepath.Join(src, "content", "members", "altai-craft-women.md"),
		`offers = ["gender-inclusion", "fundraising"]`, `offers = ["gender-inclusion", "fundraising", "disability-inclusion"]`)
	waitFor(t, topic, func(_ int, b string) bool {
		offered, _, _ := strings.Cut(b[strings.Index(b, `id="offered"`):], "</section>")
		return strings.Contains(offered, "altai-craft-women/")
	})
	body := waitFor(t, needer, func(_ int, b string) bool { return strings.Contains(b, `id="peers"`) })
	peers, _, _ := strings.Cut(body[strings.Index(body, `id="peers"`):], "</section>")
	if !strings.Contains(peers, "altai-craft-women/") {
		t.Errorf("Lucía's \"who can help\" does not list the new offer:\n%s", peers)
	}
}

func TestRenamedTitleReachesLinkingPages(t *testing.T) {
	base, src := startServer(t)
	linking := []string{
		base + "minutes/2026-10-01-steppe-mekong-monthly-call/", // attendee
		base + "topics/facilitation/",                           // offers it
		base + "charters/network/",                              // member of the charter
	}
	primed(t, linking...)
	edit(t, filepath.Join(src, "content", "members", "chan-sokha.md"), `name = "Chan Sokha"`, `name = "Chan Sokha Renamed"`)
	for _, u := range linking {
		waitFor(t, u, func(_ int, b string) bool { return strings.Contains(b, ">Chan Sokha Renamed<") })
	}
}

func TestDeletedEntryIsGoneAndItsLinksReported(t *testing.T) {
	base, src := startServer(t)
	page := base + "members/altai-craft-women/"
	directory := base + "members/"
	primed(t, page, directory)
	// Referred to by minutes and charters: deleting it is an error, and
	// the last good site, page included, stays.
	os.Remove(filepath.Join(src, "content", "members", "altai-craft-women.md"))
	body := waitFor(t, page, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "content/charters/network.md:15:3: error: members: no member &#34;altai-craft-women&#34;") {
		t.Errorf("the overlay does not report the links at file:line:col:\n%.3000s", body)
	}
	if !strings.Contains(body, "<h1>Altai Craft Women") {
		t.Error("while broken, the last good page is not served")
	}
	// A member nobody refers to goes cleanly: its page becomes a 404 and
	// the directory no longer lists it. (Named and placed to be on the
	// directory's first page, which lists Cambodia first.)
	fresh := filepath.Join(src, "content", "members", "new-member.md")
	os.WriteFile(fresh, []byte("+++\nname = \"A New Member\"\nkind = \"individual\"\ncountry = \"KH\"\n+++\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content", "members", "altai-craft-women.md"), altaiCraftWomen(t), 0o644)
	waitFor(t, directory, func(_ int, b string) bool {
		return strings.Contains(b, "new-member/") && !strings.Contains(b, "agora-overlay\"")
	})
	primed(t, base+"members/new-member/")
	os.Remove(fresh)
	waitFor(t, base+"members/new-member/", func(s int, _ string) bool { return s == 404 })
	waitFor(t, directory, func(_ int, b string) bool { return !strings.Contains(b, "new-member/") })
}

func altaiCraftWomen(t *testing.T) []byte {
	b, err := os.ReadFile("../../content/members/altai-craft-women.md")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSchemaChangeRebuildsEverything(t *testing.T) {
	var log syncBuffer
	base, src := startServerLog(t, &log)
	topic := base + "topics/facilitation/"
	primed(t, topic)
	os.MkdirAll(filepath.Join(src, "schema"), 0o755)
	os.WriteFile(filepath.Join(src, "schema", "event.toml"), []byte("name = \"event\"\nfolder = \"events\"\ntitle = \"title\"\n\n[fields.title]\ntype = \"string\"\nrequired = true\n"), 0o644)
	// Every page's navigation lists the new type: the topic page, kept
	// from before, is rendered again.
	waitFor(t, topic, func(_ int, b string) bool { return strings.Contains(b, `href="../../events/"`) })
	os.MkdirAll(filepath.Join(src, "content", "events"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "events", "launch.md"), []byte("+++\ntitle = \"Launch party\"\n+++\n"), 0o644)
	waitFor(t, base+"events/launch/", func(s int, b string) bool { return s == 200 && strings.Contains(b, "<h1>Launch party</h1>") })
	if n := strings.Count(log.String(), "built in"); n < 2 {
		t.Errorf("the schema change did not load everything again; log:\n%s", log.String())
	}
}

// startServerLog is startServer with the server's terminal output kept.
func startServerLog(t *testing.T, log *syncBuffer) (string, string) {
	t.Helper()
	return startServerWith(t, Options{Log: log})
}

// syncBuffer is a bytes.Buffer the server and the test may use at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestBrokenFileNeverViewed: the last good build reads entry bodies from
// the files, so it cannot render the page of a file that is now broken;
// the server says so instead of showing a mix of both versions.
func TestBrokenFileNeverViewed(t *testing.T) {
	base, src := startServer(t)
	edit(t, filepath.Join(src, "content", "topics", "land-rights.md"), "+++\nname", "+++\nname = = \"broken\"\nname")
	body := waitFor(t, base+"topics/land-rights/", func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "This page&#39;s file has errors") && !strings.Contains(body, "This page's file has errors") {
		t.Errorf("the page of the broken file is not marked:\n%.2000s", body)
	}
}

// TestTemplateErrorKeepsLastGoodSite: a theme template that fails when it
// runs is found before the new build is served, and shown as a problem.
func TestTemplateErrorKeepsLastGoodSite(t *testing.T) {
	base, src := startServer(t)
	topic := base + "topics/facilitation/"
	primed(t, topic)
	templates := filepath.Join(src, "themes", "default", "templates")
	os.MkdirAll(templates, 0o755)
	os.WriteFile(filepath.Join(templates, "topic.html"), []byte(`{{define "main"}}<h1>{{.Entry.NoSuchMethod}}</h1>{{end}}`), 0o644)
	body := waitFor(t, topic, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "topic.html") || !strings.Contains(body, "NoSuchMethod") {
		t.Errorf("the overlay does not name the template and the error:\n%.3000s", body)
	}
	if !strings.Contains(body, "<h1>Facilitation</h1>") {
		t.Error("while the theme is broken, the last good page is not served")
	}
	os.WriteFile(filepath.Join(templates, "topic.html"), []byte(`{{define "main"}}<h1>Own theme: {{.Title}}</h1>{{end}}`), 0o644)
	waitFor(t, topic, func(_ int, b string) bool {
		return strings.Contains(b, "<h1>Own theme: Facilitation</h1>") && !strings.Contains(b, `id="agora-overlay"`)
	})
}

// TestRequestsDuringEdits asks for pages without pause while entries are
// edited, added and removed, so that the race detector (go test -race)
// sees pages render from older snapshots while the session makes new ones.
func TestRequestsDuringEdits(t *testing.T) {
	base, src := startServer(t)
	pages := []string{"", "members/", "members/lucia-ferrer/", "topics/facilitation/", "topics/disability-inclusion/",
		"minutes/", "actions/", "curriculum/", "members/chan-sokha/", "feed.xml", "sitemap.xml"}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := w; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				get(t, base+pages[i%len(pages)])
			}
		})
	}
	member := filepath.Join(src, "content", "members", "chan-sokha.md")
	orig, err := os.ReadFile(member)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		name := fmt.Sprintf("Chan Sokha %d", i)
		os.WriteFile(member, bytes.Replace(orig, []byte(`name = "Chan Sokha"`), []byte(`name = "`+name+`"`), 1), 0o644)
		waitFor(t, base+"topics/facilitation/", func(_ int, b string) bool { return strings.Contains(b, ">"+name+"<") })
		extra := filepath.Join(src, "content", "topics", "extra-topic.md")
		if i%2 == 0 {
			os.WriteFile(extra, []byte("+++\nname = \"Extra topic\"\n+++\nBody.\n"), 0o644)
		} else {
			os.Remove(extra)
		}
	}
	close(stop)
	wg.Wait()
}
