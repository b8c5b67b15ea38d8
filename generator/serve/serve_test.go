package serve

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// startServer serves a copy of the example community on a free loopback
// port and returns its base URL and the copy's folder.
func startServer(t *testing.T) (string, string) {
	t.Helper()
	return startServerWith(t, Options{})
}

// startServerWith is startServer with options; Source and Addr are set.
func startServerWith(t *testing.T, opts Options) (string, string) {
	t.Helper()
	src := exampletest.Copy(t, nil)
	opts.Source, opts.Addr = src, "127.0.0.1:0"
	s := New(opts)
	if err := s.Listen(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	base := "http://" + s.Addr() + "/network/"
	waitFor(t, base, func(status int, body string) bool { return status == 200 })
	return base, src
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls url until ok holds, for at most five seconds.
func waitFor(t *testing.T, url string, ok func(status int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		status, body := get(t, url)
		if ok(status, body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: condition not met in 5 s; last status %d, body:\n%.2000s", url, status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func edit(t *testing.T, name, old, new string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	// Write and rename over the file, as many editors save.
	tmp := name + ".tmp"
	os.WriteFile(tmp, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func TestEditBreakFix(t *testing.T) {
	base, src := startServer(t)
	topic := filepath.Join(src, "content", "topics", "facilitation.md")
	url := base + "topics/facilitation/"

	edit(t, topic, `name = "Facilitation"`, `name = "Facilitation, edited"`)
	waitFor(t, url, func(_ int, b string) bool { return strings.Contains(b, "<h1>Facilitation, edited</h1>") })

	edit(t, topic, `name = "Facilitation, edited"`, `name = = "broken"`)
	body := waitFor(t, url, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, "<h1>Facilitation, edited</h1>") {
		t.Error("while broken, the last good page is not served")
	}
	if !strings.Contains(body, "content/topics/facilitation.md:2:8: error: malformed TOML") {
		t.Errorf("the overlay does not name file:line:col:\n%s", body)
	}

	edit(t, topic, `name = = "broken"`, `name = "Facilitation, fixed"`)
	body = waitFor(t, url, func(_ int, b string) bool { return strings.Contains(b, "<h1>Facilitation, fixed</h1>") })
	if strings.Contains(body, `id="agora-overlay"`) {
		t.Error("the overlay stays after the fix")
	}
}

func TestAddAndDeleteEntries(t *testing.T) {
	base, src := startServer(t)
	dir := filepath.Join(src, "content", "topics")
	os.WriteFile(filepath.Join(dir, "seed-saving.md"), []byte("+++\nname = \"Seed saving\"\n+++\nKeeping local seeds.\n"), 0o644)
	waitFor(t, base+"topics/seed-saving/", func(s int, b string) bool { return s == 200 && strings.Contains(b, "<h1>Seed saving</h1>") })

	os.Remove(filepath.Join(dir, "seed-saving.md"))
	waitFor(t, base+"topics/seed-saving/", func(s int, _ string) bool { return s == 404 })

	// Deleting an entry others link to is reported, and the old site stays.
	os.Remove(filepath.Join(dir, "peer-learning.toml"))
	body := waitFor(t, base, func(_ int, b string) bool { return strings.Contains(b, `id="agora-overlay"`) })
	if !strings.Contains(body, `no topic &#34;peer-learning&#34;`) {
		t.Errorf("the overlay does not report the links to the deleted topic:\n%.3000s", body)
	}
}

func TestLiveReloadEvents(t *testing.T) {
	base, src := startServer(t)
	resp, err := http.Get(strings.TrimSuffix(base, "network/") + "__agora/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
	}()
	time.Sleep(100 * time.Millisecond) // let the subscription register
	edit(t, filepath.Join(src, "content", "pages", "about.md"), "+++\n", "+++\nupdated = 2026-11-20\n")
	select {
	case e := <-events:
		if e != "reload" {
			t.Errorf("event %q, want reload", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload event after an edit")
	}
}

func TestBusyPort(t *testing.T) {
	a := New(Options{Source: ".", Addr: "127.0.0.1:0"})
	if err := a.Listen(); err != nil {
		t.Fatal(err)
	}
	defer a.ln.Close()
	b := New(Options{Source: ".", Addr: a.Addr()})
	err := b.Listen()
	if err == nil || !strings.Contains(err.Error(), "is busy") || !strings.Contains(err.Error(), "--port") {
		t.Errorf("busy port error = %v", err)
	}
}
