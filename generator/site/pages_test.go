package site

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// pagedSite is a copy of the example with page_size 5 and more entries
// than that in every list: extra members (two countries, both kinds),
// minutes over three years with actions, modules, rules and topics,
// exchanges from one member to another agreed at one meeting, and a
// member assessed more times than a page holds.
func pagedSite(t *testing.T) string {
	t.Helper()
	src := exampletest.Copy(t, nil)
	site := filepath.Join(src, "site.toml")
	b := read(t, site)
	b = regexp.MustCompile(`(?m)^page_size = \d+$`).ReplaceAllString(b, "page_size = 5")
	os.WriteFile(site, []byte(b), 0o644)
	files := map[string]string{}
	for i := range 23 {
		country, kind := []string{"MX", "KH", "MN"}[i%3], []string{"organization", "individual"}[i%2]
		files[fmt.Sprintf("content/members/extra-%02d.md", i)] = fmt.Sprintf(
			"+++\nname = \"Extra %02d\"\nkind = %q\ncountry = %q\nregion = \"Region %d\"\noffers = [\"facilitation\"]\nneeds = [\"land-rights\"]\n+++\n", i, kind, country, i%4)
	}
	for i := range 17 {
		files[fmt.Sprintf("content/minutes/%d-0%d-01-extra-%02d.md", 2021+i%3, 1+i%9, i)] = fmt.Sprintf(
			"+++\ntitle = \"Extra meeting %02d\"\ndate = %d-0%d-01\nrapporteur = \"extra-%02d\"\nattendees = [\"extra-00\", \"chan-sokha\"]\ntopics = [\"facilitation\"]\n"+
				"[[actions]]\ntask = \"Extra task %02d a\"\nowner = \"extra-%02d\"\ndue = 2020-01-01\n[[actions]]\ntask = \"Extra task %02d b\"\nowner = \"chan-sokha\"\nstatus = \"done\"\n+++\n",
			i, 2021+i%3, 1+i%9, i%23, i, i%3, i)
	}
	for i := range 8 {
		files[fmt.Sprintf("content/curriculum/extra-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Extra module %d\"\nsummary = \"S.\"\ntopics = [\"facilitation\"]\n+++\n", i)
	}
	for i := range 7 {
		files[fmt.Sprintf("content/exchanges/extra-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Extra exchange %d\"\ntopic = \"facilitation\"\n"+
			"providers = [\"extra-00\"]\nrecipients = [\"chan-sokha\"]\nstatus = \"done\"\nagreed = 2021-01-01\nheld = 2021-02-0%d\nminutes = \"2021-01-01-extra-00\"\n+++\n", i, i+1)
	}
	for i := range 6 {
		files[fmt.Sprintf("content/assessments/extra-01-%d.md", i)] = fmt.Sprintf(
			"+++\nmember = \"extra-01\"\ndate = 202%d-01-01\ninstrument = \"OCA\"\n[[scores]]\narea = \"Governance\"\nscore = %d\nmax = 5\n+++\n", i, i)
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src
}

// pageLinks follows a paged list from its first page: every page's links
// to entries (hrefs matched by entry), in order, and the number of pages.
func pageLinks(t *testing.T, out, first string, entry *regexp.Regexp) (links []string, pages int) {
	t.Helper()
	next := first
	seen := map[string]bool{}
	for next != "" {
		if seen[next] {
			t.Fatalf("%s: the pages loop at %s", first, next)
		}
		seen[next] = true
		page := read(t, filepath.Join(out, filepath.FromSlash(next), "index.html"))
		pages++
		main := page[strings.Index(page, "<main"):strings.Index(page, "</main>")]
		if i := strings.Index(main, `<nav class="pager"`); i >= 0 {
			main = main[:i]
		}
		for _, m := range entry.FindAllStringSubmatch(main, -1) {
			links = append(links, m[1])
		}
		rel := regexp.MustCompile(`<link rel="next" href="([^"]+)">`).FindStringSubmatch(page)
		if rel == nil {
			break
		}
		next = filepath.ToSlash(filepath.Clean(filepath.Join(next, rel[1]))) + "/"
	}
	return links, pages
}

// TestPagedListsAreComplete: the union of a paged list's pages lists
// every published entry of the list exactly once, the pages chained by
// rel=next, each page within page_size; and every page is in the sitemap.
func TestPagedListsAreComplete(t *testing.T) {
	src := pagedSite(t)
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	sitemap := read(t, filepath.Join(out, "sitemap.xml"))
	slugsIn := func(folder string) []string {
		var out []string
		for _, f := range globFiles(t, filepath.Join(src, "content", folder)) {
			if !strings.Contains(read(t, f), "draft = true") && !isTranslationFile(f) {
				out = append(out, slugOf(f))
			}
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct{ list, folder string }{
		{"members/", "members"}, {"minutes/", "minutes"}, {"curriculum/", "curriculum"},
		{"governance/", "governance"}, {"topics/", "topics"}, {"charters/", "charters"},
		{"exchanges/", "exchanges"}, {"assessments/", "assessments"},
	} {
		entry := regexp.MustCompile(`<a href="(?:\.\./)*(?:` + c.folder + `/)?([a-z0-9-]+)/"`)
		if c.list == "members/" {
			entry = regexp.MustCompile(`<li(?: lang="[^"]*")?>\n<a href="(?:\.\./)*(?:members/)?([a-z0-9-]+)/"`)
		}
		if c.list == "topics/" {
			entry = regexp.MustCompile(`<th scope="row"><a href="(?:\.\./)*(?:topics/)?([a-z0-9-]+)/"`)
		}
		if c.list == "curriculum/" {
			entry = regexp.MustCompile(`<li(?: lang="[^"]*")?><a href="(?:\.\./)*(?:curriculum/)?([a-z0-9-]+)/"`)
		}
		if c.list == "governance/" {
			entry = regexp.MustCompile(`<li class="rule-[a-z]+"><a href="(?:\.\./)*(?:governance/)?([a-z0-9-]+)/"`)
		}
		links, pages := pageLinks(t, out, c.list, entry)
		want := slugsIn(c.folder)
		got := slices.Clone(links)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: the pages list\n%v\nwant each of\n%v once", c.list, got, want)
		}
		if min := (len(want) + 4) / 5; pages != min {
			t.Errorf("%s: %d pages for %d entries at 5 a page", c.list, pages, len(want))
		}
		for n := 2; n <= pages; n++ {
			if !strings.Contains(sitemap, fmt.Sprintf("/network/%spage/%d/</loc>", c.list, n)) {
				t.Errorf("the sitemap lacks %spage/%d/", c.list, n)
			}
		}
	}
}

// TestActionPagesHoldEveryItemOnce: the action list's pages hold every
// action item of every published minutes once, open ones before done and
// dropped ones, and a member page links to the page and heading where
// the member's items start.
func TestActionPagesHoldEveryItemOnce(t *testing.T) {
	src := pagedSite(t)
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	tasks, _ := pageLinks(t, out, "actions/", regexp.MustCompile(`<li class="status-([a-z]+)(?: overdue)?">`))
	var want, got []string
	for _, f := range globFiles(t, filepath.Join(src, "content", "minutes")) {
		text := read(t, f)
		if strings.Contains(text, "draft = true") || isTranslationFile(f) {
			continue // a translation's items are its original's
		}
		for _, m := range regexp.MustCompile(`(?m)^task = "(.*)"$`).FindAllStringSubmatch(text, -1) {
			want = append(want, m[1])
		}
	}
	for n, next := 1, "actions/"; next != ""; n++ {
		page := read(t, filepath.Join(out, filepath.FromSlash(next), "index.html"))
		for _, m := range regexp.MustCompile(`<li class="status-[a-z]+(?: overdue)?">([^<]*)<`).FindAllStringSubmatch(page, -1) {
			got = append(got, strings.ReplaceAll(strings.ReplaceAll(m[1], "&#39;", "'"), "&amp;", "&"))
		}
		next = ""
		if strings.Contains(page, `rel="next"`) {
			next = fmt.Sprintf("actions/page/%d/", n+1)
		}
	}
	slices.Sort(want)
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(sorted, want) {
		t.Errorf("the action pages hold %d items, the minutes %d:\n%v\n%v", len(got), len(want), sorted, want)
	}
	firstClosed := slices.IndexFunc(tasks, func(s string) bool { return s != "open" })
	if firstClosed < 0 || slices.ContainsFunc(tasks[firstClosed:], func(s string) bool { return s == "open" }) {
		t.Errorf("open items are not all before the others: %v", tasks)
	}
	// chan-sokha owns more items than a page holds: its page shows a
	// page's worth and links to where they start.
	member := read(t, filepath.Join(out, "members", "chan-sokha", "index.html"))
	link := regexp.MustCompile(`<p class="more"><a href="\.\./\.\./(actions/(?:page/\d+/)?)#(owner-chan-sokha)">`).FindStringSubmatch(member)
	if link == nil {
		t.Fatalf("chan-sokha's page does not link its items:\n%s", member)
	}
	if !strings.Contains(read(t, filepath.Join(out, filepath.FromSlash(link[1]), "index.html")), `id="`+link[2]+`"`) {
		t.Errorf("%s has no heading %s", link[1], link[2])
	}
}

// TestReferrerListsLinkTheirFacet: an entry page lists a page's worth of
// the entries that refer to it, and links the facet that lists them all;
// the facet's pages list each exactly once.
func TestReferrerListsLinkTheirFacet(t *testing.T) {
	src := pagedSite(t)
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	topic := read(t, filepath.Join(out, "topics", "facilitation", "index.html"))
	for _, facet := range []string{"members/by.offers/facilitation/", "minutes/by.topics/facilitation/", "curriculum/by.topics/facilitation/"} {
		if !strings.Contains(topic, `href="../../`+facet+`"`) {
			t.Errorf("the topic page does not link %s", facet)
		}
	}
	links, _ := pageLinks(t, out, "minutes/by.topics/facilitation/", regexp.MustCompile(`<li(?: lang="[^"]*")?><a href="(?:\.\./)*(?:minutes/)?([a-z0-9-]+)/"`))
	var want []string
	for _, f := range globFiles(t, filepath.Join(src, "content", "minutes")) {
		text := read(t, f)
		if strings.Contains(text, `"facilitation"`) && !strings.Contains(text, "draft = true") {
			want = append(want, slugOf(f))
		}
	}
	slices.Sort(want)
	slices.Sort(links)
	if !slices.Equal(links, want) || len(want) <= 5 {
		t.Errorf("the facet lists %v, want %v", links, want)
	}
	if n := strings.Count(topic[strings.Index(topic, `id="discussed"`):], "<li"); n < 5 {
		t.Errorf("the topic page lists %d minutes", n)
	}
	// The lists of exchanges and assessments on entry pages are cut the
	// same way: seven exchanges on one topic, from one member to another,
	// agreed at one meeting, and six assessments of one member.
	for _, c := range []struct{ page, folder, field, value string }{
		{"topics/facilitation/", "exchanges", "topic", "facilitation"},
		{"members/extra-00/", "exchanges", "providers", "extra-00"},
		{"members/chan-sokha/", "exchanges", "recipients", "chan-sokha"},
		{"minutes/2021-01-01-extra-00/", "exchanges", "minutes", "2021-01-01-extra-00"},
		{"members/extra-01/", "assessments", "member", "extra-01"},
	} {
		var want []string
		refers := regexp.MustCompile(`(?m)^` + c.field + ` = .*"` + c.value + `"`)
		for _, f := range globFiles(t, filepath.Join(src, "content", c.folder)) {
			if text := read(t, f); refers.MatchString(text) && !strings.Contains(text, "draft = true") {
				want = append(want, strings.TrimSuffix(filepath.Base(f), ".md"))
			}
		}
		facet := c.folder + "/by." + c.field + "/" + c.value + "/"
		page := read(t, filepath.Join(out, filepath.FromSlash(c.page), "index.html"))
		if !strings.Contains(page, fmt.Sprintf(`<a href="../../%s">See all %d</a>`, facet, len(want))) {
			t.Errorf("%s does not link %s with its %d entries", c.page, facet, len(want))
		}
		links, _ := pageLinks(t, out, facet, regexp.MustCompile(`<li(?: lang="[^"]*")?><a href="(?:\.\./)+([a-z0-9-]+)/"`))
		slices.Sort(want)
		slices.Sort(links)
		if !slices.Equal(links, want) || len(want) <= 5 {
			t.Errorf("%s lists %v, want %v", facet, links, want)
		}
	}
}

// TestDirectoryMembersFiles: each member facet has members.json with the
// facet's members, as directory.js reads them.
func TestDirectoryMembersFiles(t *testing.T) {
	src := pagedSite(t)
	out, _ := buildSite(t, src, BuildOptions{})
	var list struct {
		Topics  []string
		Members [][]any
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "members", "by.country", "kh", "members.json"))), &list); err != nil {
		t.Fatal(err)
	}
	kh := 0
	for _, f := range globFiles(t, filepath.Join(src, "content", "members")) {
		if t := read(t, f); strings.Contains(t, `country = "KH"`) && !strings.Contains(t, "draft = true") {
			kh++
		}
	}
	if len(list.Members) != kh {
		t.Errorf("members/by.country/kh/members.json lists %d members, the content has %d", len(list.Members), kh)
	}
	for _, row := range list.Members {
		if row[4] != "kh" {
			t.Errorf("a row of another country: %v", row)
		}
		for _, i := range row[6].([]any) {
			if n := int(i.(float64)); n < 0 || n >= len(list.Topics) {
				t.Errorf("a topic number out of the list: %v", row)
			}
		}
	}
	page := read(t, filepath.Join(out, "members", "index.html"))
	if !strings.Contains(page, `data-src="by.country/kh/members.json"`) {
		t.Error("the directory's filter does not name the facet's members.json")
	}
}

// TestPrivateDirectoryFieldsMakeNoFacets: a community that makes region
// and needs private gets no facet, filter or row value of either.
func TestPrivateDirectoryFieldsMakeNoFacets(t *testing.T) {
	src := pagedSite(t)
	schema := read(t, filepath.Join(exampletest.Root(), "schema", "member.toml"))
	schema = strings.Replace(schema, "[fields.region]\n", "[fields.region]\nprivate = true\n", 1)
	schema = strings.Replace(schema, "[fields.needs]\n", "[fields.needs]\nprivate = true\n", 1)
	os.MkdirAll(filepath.Join(src, "schema"), 0o755)
	os.WriteFile(filepath.Join(src, "schema", "member.toml"), []byte(schema), 0o644)
	// A private field is not translatable: the translation keeps the
	// original's region.
	mn := filepath.Join(src, "content", "members", "altai-craft-women.mn.md")
	os.WriteFile(mn, regexp.MustCompile(`(?m)^region = .*\n`).ReplaceAll([]byte(read(t, mn)), nil), 0o644)
	out, _ := buildSite(t, src, BuildOptions{})
	for _, gone := range []string{"members/by.region", "members/by.needs"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s/ is published", gone)
		}
	}
	page := read(t, filepath.Join(out, "members", "index.html"))
	if strings.Contains(page, `data-filter="region"`) || strings.Contains(page, `data-filter="needs"`) {
		t.Error("the directory filters by a private field")
	}
	var list struct{ Members [][]any }
	json.Unmarshal([]byte(read(t, filepath.Join(out, "members", "by.country", "mx", "members.json"))), &list)
	for _, row := range list.Members {
		if row[3] != "" || len(row[7].([]any)) != 0 {
			t.Errorf("a row holds a private value: %v", row)
		}
	}
}

// globFiles lists the entry files of a type's folder: NAME.md or
// NAME.toml, and the index file of each entry folder NAME/.
func globFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		for _, index := range []string{"index.md", "index.toml"} {
			if _, err := os.Stat(filepath.Join(n, index)); err == nil {
				names[i] = filepath.Join(n, index)
			}
		}
	}
	return names
}

// slugOf is the slug of an entry file: its name, or its folder's.
func slugOf(file string) string {
	name := filepath.Base(file)
	if strings.HasPrefix(name, "index.") {
		name = filepath.Base(filepath.Dir(file))
	}
	return strings.TrimSuffix(strings.TrimSuffix(name, ".md"), ".toml")
}
