package linkcheck

import (
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	site := fstest.MapFS{
		"index.html":             {Data: []byte(`<a href="members/">m</a><a href="members/ana/#roles">r</a><a href="https://x.org/">x</a><a href="#top">t</a><p id="top"></p>`)},
		"members/index.html":     {Data: []byte(`<a href="../">home</a><a href="ana/">ana</a><a href="bob/">bob</a><a href="../../outside/">out</a>`)},
		"members/ana/index.html": {Data: []byte(`<h2 id="roles">Roles</h2><a href="../#nowhere">x</a><a href="/network/members/">abs</a><a href="/elsewhere/">bad</a><img src="../../assets/a.png">`)},
		"404.html":               {Data: []byte(`<a href="/network/">home</a>`)},
	}
	got, err := Check(site, "/network/")
	if err != nil {
		t.Fatal(err)
	}
	want := []Broken{
		{"members/ana/index.html", "../#nowhere", `no element with id "nowhere" on members/index.html`},
		{"members/ana/index.html", "../../assets/a.png", "no such page"},
		{"members/ana/index.html", "/elsewhere/", "leaves the site's base path /network/"},
		{"members/index.html", "../../outside/", "leaves the site"},
		{"members/index.html", "bob/", "no such page"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d broken links, want %d:\n%v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("broken[%d] = %v, want %v", i, got[i], want[i])
		}
	}
}
