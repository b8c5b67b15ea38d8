package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/internal/exampletest"
	"github.com/agora-community/agora/generator/search"
)

// TestImpactPageOfTheExample checks the figures of the example's
// /impact/ against sums done by hand from content/ (the figures
// themselves are tested in generator/impact):
//   - needs: 32 stated (13 members, two or three each); met by a done
//     exchange to the member on the topic: fundraising (Siem Reap,
//     Laboratorio), grant writing (Ногоон Тал), digital security (Red de
//     Mujeres, Ногоон Тал, Khmer Youth Voices), participatory budgeting
//     (Battambang), M&E (Siem Reap): 8, 25 %.
//   - rotation: 8 published minutes by 8 rapporteurs; Altai, Khmer Youth
//     Voices, Laboratorio (its minutes are a draft), Siem Reap and Kampot
//     never: 5 of 13.
//   - LEAD digital presence: 20, 35, 23 -> 85, 90, 92: 26 % to 89 %.
//   - who to call, in the twelve months to 23 November 2026: Kampot.
func TestImpactPageOfTheExample(t *testing.T) {
	out, _ := exampleSite(t)
	page := read(t, filepath.Join(out, "impact", "index.html"))
	for _, want := range []string{
		"8 of the 32 needs that members state (25 %) were met by a done exchange",
		"12 exchanges: 7 done, 2 agreed, 2 proposed, 1 dropped.",
		"LEAD participant survey, Can build a digital presence: from 26 % to 89 % on average (3 members).",
		"LEAD participant survey, Knows ways to make the organization inclusive: from 42 % to 95 % on average (3 members).",
		"8 members wrote the 8 minutes",
		"5 of the 13 members have never been rapporteur.",
		"1 of the 13 members took part in no meeting and no exchange in the twelve months to 23 November 2026",
		`href="../members/kampot-fisherfolk-network/">Kampot Fisherfolk Network</a>`,
		"grouped by country",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("/impact/ lacks %q", want)
		}
	}
	// Every chart is an image with a title and a description, and a table follows it.
	charts := regexp.MustCompile(`<svg class="chart [a-z]+" role="img" aria-labelledby="([a-z0-9-]+)-title ([a-z0-9-]+)-desc"`).FindAllStringSubmatch(page, -1)
	if len(charts) != 7 {
		t.Errorf("%d charts, want 7 (needs, timeline, OCA, LEAD, rotation, participation, map)", len(charts))
	}
	for _, c := range charts {
		if !strings.Contains(page, `<title id="`+c[1]+`-title">`) || !strings.Contains(page, `<desc id="`+c[1]+`-desc">`) {
			t.Errorf("chart %s lacks its title or description", c[1])
		}
	}
	if n := strings.Count(page, `<table class="numbers">`); n < len(charts) {
		t.Errorf("%d tables for %d charts", n, len(charts))
	}
	if strings.Contains(page, `class="missing"`) {
		t.Error("the example's impact page says something is missing")
	}
	// The member page shows the progress, the topic page the exchanges.
	member := read(t, filepath.Join(out, "members", "altai-craft-women", "index.html"))
	for _, want := range []string{`id="progress"`, "Fundraising: from 20 % to 60 %.", `id="given"`, `href="../../exchanges/fundraising-for-siem-reap-and-tlalpan/"`} {
		if !strings.Contains(member, want) {
			t.Errorf("the member page lacks %q", want)
		}
	}
	topic := read(t, filepath.Join(out, "topics", "fundraising", "index.html"))
	if !strings.Contains(topic, `id="exchanged"`) {
		t.Error("the topic page does not list its exchanges")
	}
	minutes := read(t, filepath.Join(out, "minutes", "2026-02-18-marketplace-matching-session", "index.html"))
	if !strings.Contains(minutes, `id="exchanges-agreed"`) || !strings.Contains(minutes, "legal-registration-for-altai") {
		t.Error("the minutes page does not list the exchanges agreed there")
	}
	// Legal registration: needed, offered by nobody, no done exchange
	// (only a proposed one): unmet. Participatory budgeting is offered.
	topics := read(t, filepath.Join(out, "topics", "index.html"))
	if !regexp.MustCompile(`<tr class="unmet"><th scope="row"><a href="legal-registration/">`).MatchString(topics) {
		t.Error("legal registration is not unmet")
	}
	// Search finds exchanges and assessments, by their story and narrative too.
	docs, _ := filepath.Glob(filepath.Join(out, "search", "index", "d-*", "*.js"))
	var index strings.Builder
	for _, d := range docs {
		index.WriteString(read(t, d))
	}
	for _, want := range []string{"exchanges/digital-security-clinic/", "assessments/altai-craft-women-oca-2026/", "OCA: Colectivo Agua Viva Coahuila, 6 November 2025"} {
		if !strings.Contains(index.String(), want) {
			t.Errorf("the search documents lack %q", want)
		}
	}
	cal := read(t, filepath.Join(out, "calendar.ics"))
	if !strings.Contains(cal, "UID:exchange-digital-security-clinic@") || strings.Contains(cal, "UID:exchange-legal-registration-for-altai@") {
		t.Error("the calendar does not list the held exchanges, or lists one never held")
	}
}

// TestUnmetCountsDoneExchanges: a topic needed and offered by nobody is
// no longer unmet once an exchange on it is done.
func TestUnmetCountsDoneExchanges(t *testing.T) {
	src := exampletest.Copy(t, nil)
	path := filepath.Join(src, "content", "exchanges", "legal-registration-for-altai.md")
	b := strings.Replace(read(t, path), `status = "proposed"`, `status = "done"`+"\nheld = 2026-11-01", 1)
	os.WriteFile(path, []byte(b), 0o644)
	out, _ := buildSite(t, src, BuildOptions{})
	if strings.Contains(read(t, filepath.Join(out, "topics", "index.html")), `<tr class="unmet"><th scope="row"><a href="legal-registration/">`) {
		t.Error("legal registration is still unmet after a done exchange")
	}
	if !strings.Contains(read(t, filepath.Join(out, "topics", "legal-registration", "index.html")), "Exchanges done on it: 1.") {
		t.Error("the topic page does not say an exchange met the need")
	}
}

// TestImpactPageSaysWhatIsMissing builds networks with nothing to count:
// one member and nothing else, then one member with minutes. Each
// figure says what is missing instead of drawing an empty chart.
func TestImpactPageSaysWhatIsMissing(t *testing.T) {
	src := t.TempDir()
	files := map[string]string{
		"site.toml":                 "title = \"Tiny\"\nbase_url = \"https://example.org/\"\n",
		"content/members/solo.md":   "+++\nname = \"Solo\"\nkind = \"individual\"\ncountry = \"MX\"\n+++\n",
		"content/topics/radio.toml": "name = \"Radio\"\n",
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	page := read(t, filepath.Join(out, "impact", "index.html"))
	for _, want := range []string{
		"No member states a need yet",
		"No exchange is recorded yet",
		"No assessment is recorded yet",
		"No minutes are recorded yet: this figure will show who writes them.",
		"No minutes are recorded yet: this figure will show how many members take part",
		"No exchange and no meeting joins two members yet",
		"1 of the 1 members took part in no meeting and no exchange",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the empty impact page lacks %q", want)
		}
	}
	if strings.Contains(page, "<svg") {
		t.Error("the empty impact page draws a chart")
	}
	if n := strings.Count(page, `class="missing"`); n != 6 {
		t.Errorf("%d figures say what is missing, want 6", n)
	}

	// One assessment: no comparison yet, and no chart of one point.
	os.WriteFile(filepath.Join(src, "content", "members", "solo.md"), []byte("+++\nname = \"Solo\"\nkind = \"individual\"\nneeds = [\"radio\"]\n+++\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "content", "assessments"), 0o755)
	os.WriteFile(filepath.Join(src, "content", "assessments", "solo-1.toml"), []byte("member = \"solo\"\ndate = 2026-01-01\ninstrument = \"Our own check\"\n[[scores]]\narea = \"Radio craft\"\nscore = 2\nmax = 4\n"), 0o644)
	out, _ = buildSite(t, src, BuildOptions{CheckLinks: true})
	page = read(t, filepath.Join(out, "impact", "index.html"))
	if !strings.Contains(page, "Our own check: every member has been assessed once") || strings.Contains(page, `class="chart dumbbell"`) {
		t.Error("one assessment: no sentence saying the comparison starts with the second round, or a chart")
	}
	if !strings.Contains(page, "0 of the 1 needs that members state (0 %)") {
		t.Error("one unmet need is not counted")
	}
	member := read(t, filepath.Join(out, "members", "solo", "index.html"))
	if !strings.Contains(member, "Assessed once") || strings.Contains(member, "<svg") {
		t.Error("the member page of a member assessed once: no table, or a chart")
	}
}

// TestCommunityInstrumentAndLabels: a community's own instrument and
// areas need no Go change, and its schema renames the types everywhere.
func TestCommunityInstrumentAndLabels(t *testing.T) {
	src := exampletest.Copy(t, nil)
	schemaDir := filepath.Join(src, "schema")
	os.MkdirAll(schemaDir, 0o755)
	def, err := os.ReadFile(filepath.Join(exampletest.Root(), "schema", "exchange.toml"))
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(def), `label = "Exchanges"`, `label = "Pairings"`, 1)
	os.WriteFile(filepath.Join(schemaDir, "exchange.toml"), []byte(own), 0o644)
	for i, date := range []string{"2025-02-01", "2026-02-01"} {
		text := "member = \"lucia-ferrer\"\ndate = " + date + "\ninstrument = \"Rapporteur skills\"\n" +
			"[[scores]]\narea = \"Writing decisions\"\nscore = " + []string{"1", "3"}[i] + "\nmax = 4\n"
		os.WriteFile(filepath.Join(src, "content", "assessments", "lucia-"+date+".toml"), []byte(text), 0o644)
	}
	out, _ := buildSite(t, src, BuildOptions{CheckLinks: true})
	page := read(t, filepath.Join(out, "impact", "index.html"))
	if !strings.Contains(page, "Rapporteur skills, Writing decisions: from 25 % to 75 % on average (1 members).") {
		t.Error("the community's instrument is not compared")
	}
	if !strings.Contains(page, `<a href="../exchanges/">Pairings</a>`) {
		t.Error("the nav does not call exchanges by the schema's label")
	}
	member := read(t, filepath.Join(out, "members", "lucia-ferrer", "index.html"))
	if !strings.Contains(member, "Rapporteur skills: first and latest score") {
		t.Error("the member page does not show the community's instrument")
	}
	// The default label stays translated: the Spanish nav (the example's
	// pages in Spanish) says Intercambios.
	os.WriteFile(filepath.Join(schemaDir, "exchange.toml"), def, 0o644)
	out, _ = buildSite(t, src, BuildOptions{})
	if !strings.Contains(read(t, filepath.Join(out, "es", "impact", "index.html")), `<a href="../exchanges/">Intercambios</a>`) {
		t.Error("a default schema file copied unchanged loses the theme's translation of its label")
	}
}

// TestWhoToCallIsPaged: past a page of members nobody heard from,
// /impact/ names a page's worth and links the paged list of them all.
// In 2030 only the members of the four open exchanges count as active:
// 13 - 6 = 7 to call, five a page (the least page_size allows).
func TestWhoToCallIsPaged(t *testing.T) {
	src := exampletest.Copy(t, nil)
	conf := read(t, filepath.Join(src, "site.toml"))
	os.WriteFile(filepath.Join(src, "site.toml"), []byte(regexp.MustCompile(`(?m)^page_size = .*$`).ReplaceAllString(conf, "page_size = 5")), 0o644)
	p, err := Open(context.Background(), Options{Source: src, Today: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := p.Build(context.Background(), BuildOptions{Out: out, CheckLinks: true}); err != nil {
		t.Fatal(err)
	}
	page := read(t, filepath.Join(out, "impact", "index.html"))
	if !strings.Contains(page, "7 of the 13 members took part in no meeting") || !strings.Contains(page, `<a href="isolated/">See all 7</a>`) {
		t.Error("/impact/ does not count the 7 members to call, or does not link their list")
	}
	var listed int
	for _, f := range []string{"impact/isolated/index.html", "impact/isolated/page/2/index.html"} {
		listed += len(regexp.MustCompile(`<li(?: lang="[a-z-]+")?><a href="(\.\./)+members/[a-z0-9-]+/">`).FindAllString(read(t, filepath.Join(out, f)), -1))
	}
	if listed != 7 {
		t.Errorf("the pages of who to call list %d members, want 7", listed)
	}
	if !strings.Contains(read(t, filepath.Join(out, "sitemap.xml")), "impact/isolated/page/2/") {
		t.Error("the sitemap lacks the pages of who to call")
	}
}

// TestSearchFindsExchangesAndAssessmentsByWordForms: the built index
// (read as search.js reads it) finds an exchange by a word form of its
// story and an assessment by one of its narrative, each under its type's
// filter, through the stems written at index time; and no exchange or
// assessment for a word none of them holds.
func TestSearchFindsExchangesAndAssessmentsByWordForms(t *testing.T) {
	out, _ := buildSite(t, exampletest.Copy(t, nil), BuildOptions{})
	var files []search.File
	err := filepath.WalkDir(filepath.Join(out, "search", "index"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, search.File{Path: filepath.ToSlash(rel), Data: []byte(read(t, p))})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.OpenReader(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, typ, want string }{
		{"mediating", "exchange", "exchanges/water-committees-for-coahuila/"}, // "it mediates", in the story
		{"baselines", "assessment", "assessments/colectivo-agua-coahuila-oca-2025/"},
		{"zebras", "exchange", ""},
	} {
		results, err := r.Search(c.query, search.Filter{Type: c.typ})
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, res := range results {
			d, err := r.Doc(res.Doc)
			if err != nil {
				t.Fatal(err)
			}
			paths = append(paths, d.Path)
		}
		if c.want == "" && len(paths) > 0 || c.want != "" && !slices.Contains(paths, c.want) {
			t.Errorf("%q among the %ss finds %v, want %q", c.query, c.typ, paths, c.want)
		}
	}
}
