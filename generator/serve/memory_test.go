package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeProject writes a small community: topics, members who offer and
// need them, and minutes they attended.
func writeProject(t *testing.T, topics, members, minutes int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"Generated\"\nbase_url = \"https://example.org/kb/\"\n")
	topic := func(i int) string { return fmt.Sprintf("topic-%03d", i%topics) }
	member := func(i int) string { return fmt.Sprintf("member-%04d", i%members) }
	for i := range topics {
		write("content/topics/"+topic(i)+".md", fmt.Sprintf("+++\nname = \"Topic %d\"\naliases = [\"T%d\"]\n+++\nAbout topic %d.\n", i, i, i))
	}
	for i := range members {
		write("content/members/"+member(i)+".md", fmt.Sprintf("+++\nname = \"Member %d\"\nkind = \"organization\"\nregion = \"Region %d\"\n"+
			"offers = [%q, %q]\nneeds = [%q]\n+++\nMember %d works on *many* things.\n", i, i%7, topic(i), topic(i+3), topic(i+5), i))
	}
	for i := range minutes {
		write(fmt.Sprintf("content/minutes/2025-01-%02d-meeting-%03d.md", 1+i%28, i), fmt.Sprintf("+++\ntitle = \"Meeting %d\"\ndate = 2025-01-%02d\n"+
			"rapporteur = %q\nattendees = [%q, %q, %q]\ntopics = [%q]\n\n[[actions]]\ntask = \"Follow up %d\"\nowner = %q\ndue = 2025-02-01\n+++\nNotes of meeting %d.\n",
			i, 1+i%28, member(i), member(i), member(i+1), member(i+2), topic(i), i, member(i+1), i))
	}
	return dir
}

// TestMemoryStaysFlat makes 200 edits in a row, each served, and checks
// that the live heap after the last is within 10 % of the heap after the
// first twenty (once every kept page and cache has filled).
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("200 edits")
	}
	src := writeProject(t, 20, 150, 60)
	s := newQuietServer(t, src)
	file := "content/members/member-0007.md"
	orig, err := os.ReadFile(filepath.Join(src, file))
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"members/member-0007/index.html", "topics/topic-007/index.html", "members/index.html", "index.html"}
	editAndServe := func(i int) {
		text := strings.Replace(string(orig), `name = "Member 7"`, fmt.Sprintf(`name = "Member 7, edit %d"`, i), 1)
		if i%2 == 1 {
			text = strings.Replace(text, `offers = ["topic-007"`, `offers = ["topic-008"`, 1)
		}
		os.WriteFile(filepath.Join(src, file), []byte(text), 0o644)
		s.rebuild(context.Background(), []string{file})
		if s.problem != "" {
			t.Fatalf("edit %d: %s", i, s.problem)
		}
		for _, p := range pages {
			data, err := s.current.page(p)
			if err != nil {
				t.Fatalf("edit %d: %s: %v", i, p, err)
			}
			if p == pages[0] && !strings.Contains(string(data), fmt.Sprintf("Member 7, edit %d<", i)) {
				t.Fatalf("edit %d: the member page does not show the edit", i)
			}
		}
	}
	for i := range 20 {
		editAndServe(i)
	}
	before := liveHeap()
	for i := 20; i < 200; i++ {
		editAndServe(i)
	}
	after := liveHeap()
	t.Logf("live heap after 20 edits %d KiB, after 200 %d KiB", before>>10, after>>10)
	if after > before+before/10 {
		t.Errorf("the live heap grew from %d KiB to %d KiB over 180 edits (more than 10 %%)", before>>10, after>>10)
	}
}

// liveHeap is the heap in use once the garbage is collected.
func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
