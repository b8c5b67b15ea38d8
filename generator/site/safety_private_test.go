package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/agora-community/agora/generator/internal/exampletest"
)

// Planted secrets: every marker is one lowercase word starting with
// "zqx", so that it is found however a file spells it (the search index
// folds case).
var (
	privateMarkers = []string{
		"zqxphone", "zqxeventphone", "zqxdoorcode", "zqxvenue", "zqxdonor", "zqxinformant", "zqxsecrettopic",
		"zqxcodename", "zqxbadgealt", "zqxledger", "zqxledgertitle", "zqxscorenote", "zqxexchangecontact",
	}
	draftMarkers = []string{
		"zqxdraftmember", "zqxdraftregion", "zqxdraftminutes", "zqxdraftdecision", "zqxdrafttask", "zqxdraftlocation",
		"zqxdrafttopic", "zqxdraftalias", "zqxdraftmodule", "zqxdraftpage", "zqxdraftbody", "zqxdraftevent",
		"zqxdraftexchange", "zqxdraftoutcome", "zqxdraftinstrument", "zqxdraftarea",
	}
)

const secretSchema = `name = "event"
folder = "events"
title = "title"

[fields.title]
type = "string"
required = true

[fields.host]
type = "ref"
ref = "member"

[fields.contact_phone]
type = "string"
private = true

[fields.venue]
type = "object"
private = true
[fields.venue.fields.address]
type = "string"

[fields.donors]
type = "list"
of = "string"
private = true

[fields.informant]
type = "ref"
ref = "member"
private = true
label = "Zqxinformant"

[fields.secret_topics]
type = "list"
of = "topic"
private = true
label = "Zqxsecrettopic"

[fields.badge]
type = "image"
private = true

[fields.ledger]
type = "file"
private = true

[fields.flyer]
type = "file"

[fields.sessions]
type = "list"
of = "object"
[fields.sessions.fields.title]
type = "string"
required = true
[fields.sessions.fields.door_code]
type = "string"
private = true
`

// secretSite is a copy of the example with private fields (top level,
// nested in tables, whole objects, lists, refs and topics) and drafts of
// every type, each holding a marker, and published entries that point at
// the drafts.
func secretSite(t *testing.T) string {
	t.Helper()
	src := exampletest.Copy(t, nil)
	files := map[string]string{
		"schema/event.toml": secretSchema,
		// A type whose title field is private: its entries go by their slug.
		"schema/case.toml":          "name = \"case\"\nfolder = \"cases\"\ntitle = \"codename\"\n[fields.codename]\ntype = \"string\"\nrequired = true\nprivate = true\n[fields.summary]\ntype = \"string\"\n",
		"content/cases/case-1.toml": "codename = \"zqxcodename\"\nsummary = \"A public summary.\"\n",
		"content/events/fair.md": "+++\ntitle = \"Spring fair\"\nhost = \"red-mujeres-sonora\"\ncontact_phone = \"+52 zqxeventphone\"\n" +
			"donors = [\"zqxdonor Foundation\"]\ninformant = \"lucia-ferrer\"\nsecret_topics = [\"land-rights\"]\n" +
			"[venue]\naddress = \"zqxvenue street 1\"\n[[sessions]]\ntitle = \"Opening\"\ndoor_code = \"zqxdoorcode\"\n+++\n\nA public fair.\n",
		"content/events/draft-fair.md": "+++\ntitle = \"zqxdraftevent\"\ndraft = true\n+++\n",
		"content/members/secret-draft.md": "+++\nname = \"zqxdraftmember Collective\"\nkind = \"organization\"\nregion = \"zqxdraftregion\"\n" +
			"offers = [\"facilitation\"]\nneeds = [\"land-rights\"]\ndraft = true\n+++\n\nzqxdraftbody\n",
		"content/minutes/2026-01-01-secret.md": "+++\ntitle = \"zqxdraftminutes\"\ndate = 2026-01-01\nlocation = \"zqxdraftlocation\"\n" +
			"rapporteur = \"red-mujeres-sonora\"\nattendees = [\"secret-draft\"]\ndecisions = [\"zqxdraftdecision\"]\ndraft = true\n" +
			"[[actions]]\ntask = \"zqxdrafttask\"\nowner = \"secret-draft\"\ndue = 2026-02-01\n+++\n\nzqxdraftbody\n",
		"content/topics/secret-topic.toml": "name = \"zqxdrafttopic\"\naliases = [\"zqxdraftalias\"]\ndraft = true\n",
		"content/curriculum/secret-mod.md": "+++\ntitle = \"zqxdraftmodule\"\nsummary = \"zqxdraftbody\"\ntopics = [\"secret-topic\"]\nauthors = [\"secret-draft\"]\ndraft = true\n+++\n",
		"content/pages/secret-page.md":     "+++\ntitle = \"zqxdraftpage\"\ndraft = true\n+++\n\nzqxdraftbody\n",
		"content/exchanges/secret-exchange.md": "+++\ntitle = \"zqxdraftexchange\"\ntopic = \"facilitation\"\nproviders = [\"lucia-ferrer\"]\nrecipients = [\"chan-sokha\"]\n" +
			"status = \"done\"\nheld = 2026-02-01\noutcome = \"zqxdraftoutcome\"\ndraft = true\n+++\n\nzqxdraftbody\n",
		"content/assessments/secret-assessment.toml": "member = \"lucia-ferrer\"\ndate = 2026-02-01\ninstrument = \"zqxdraftinstrument\"\ndraft = true\n" +
			"[[scores]]\narea = \"zqxdraftarea\"\nscore = 1\nmax = 2\n",
		"content/exchanges/public-exchange.md": "+++\ntitle = \"Public exchange\"\ntopic = \"secret-topic\"\nproviders = [\"secret-draft\"]\nrecipients = [\"lucia-ferrer\"]\nstatus = \"done\"\nheld = 2026-02-02\n+++\n",
		"content/minutes/2026-01-02-pub.md":    "+++\ntitle = \"Public meeting\"\ndate = 2026-01-02\nrapporteur = \"red-mujeres-sonora\"\nattendees = [\"secret-draft\", \"lucia-ferrer\"]\ntopics = [\"secret-topic\", \"facilitation\"]\n[[actions]]\ntask = \"Public task\"\nowner = \"secret-draft\"\n+++\n",
	}
	// More events than a page lists name a member and a topic through
	// private fields: no facet may list them (events/by.informant/…).
	for i := range 12 {
		files[fmt.Sprintf("content/events/more-%d.md", i)] = fmt.Sprintf("+++\ntitle = \"Fair %d\"\ninformant = \"lucia-ferrer\"\nsecret_topics = [\"land-rights\"]\n+++\n", i)
	}
	// An entry folder whose private image and file fields name files
	// that must not be published (nor the image's alt text, nor the
	// file's title), beside a public one that is.
	files["content/events/expo/index.md"] = "+++\ntitle = \"Expo\"\nbadge = { src = \"badge.png\", alt = \"zqxbadgealt\" }\n" +
		"ledger = { src = \"ledger.csv\", title = \"zqxledgertitle\" }\nflyer = { src = \"flyer.txt\", title = \"The flyer\" }\n+++\n\nA public expo.\n"
	files["content/events/expo/badge.png"] = string(craftImage(t, "png", 40, 30))
	files["content/events/expo/ledger.csv"] = "donor,amount\nzqxledger,100\n"
	files["content/events/expo/flyer.txt"] = "Come to the expo.\n"
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plantPrivateScores(t, src)
	// The member's phone, private in the default schema.
	member := filepath.Join(src, "content", "members", "red-mujeres-sonora.md")
	b := read(t, member)
	b = strings.Replace(b, "\nphone = \"", "\n# phone = \"", 1)
	b = strings.Replace(b, "+++\n", "+++\nphone = \"+52 zqxphone 4242\"\n", 1)
	os.WriteFile(member, []byte(b), 0o644)
	return src
}

// buildPlanted builds a planted site, with or without its drafts, and
// returns the output folder.
func buildPlanted(t *testing.T, src string, drafts bool) string {
	t.Helper()
	p, err := Open(context.Background(), Options{Source: src, Today: today, Drafts: drafts})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Diags.HasErrors() {
		t.Fatalf("the planted site has errors:\n%v", p.Diags)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := p.Build(context.Background(), BuildOptions{Out: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

// grepOutput returns, for each marker, the output files (and file
// names) that hold it, and which kinds of file were searched.
func grepOutput(t *testing.T, out string, markers []string) (map[string][]string, map[string]bool) {
	t.Helper()
	found := map[string][]string{}
	kinds := map[string]bool{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		text := strings.ToLower(rel)
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text += "\n" + strings.ToLower(string(b))
			switch {
			case strings.HasSuffix(rel, ".html"):
				kinds["html"] = true
			case strings.HasPrefix(rel, "search/index/s/"):
				kinds["index shards"] = true
			case strings.HasPrefix(rel, "search/index/d-"):
				kinds["index documents"] = true
			case rel == "search/index/manifest.js":
				kinds["index manifest"] = true
			case strings.HasSuffix(rel, "/members.json"):
				kinds["members.json"] = true
			default:
				kinds[rel] = true
			}
		}
		for _, m := range markers {
			if strings.Contains(text, m) {
				found[m] = append(found[m], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found, kinds
}

// TestPlantedSecretsNeverPublished plants private values (in a default
// type, top level and nested in a community type's tables, whole private
// objects, lists, refs and topics, a private title field) and drafts of every type, and greps
// every output file, and every file name, for them: HTML, search index
// manifest, shards and documents, feed, sitemap, calendar, headers. With
// --drafts the drafts appear (so the planting works) and the private
// values still do not.
func TestPlantedSecretsNeverPublished(t *testing.T) {
	t.Parallel()
	src := secretSite(t)
	all := append(append([]string{}, privateMarkers...), draftMarkers...)
	for _, drafts := range []bool{false, true} {
		out := buildPlanted(t, src, drafts)
		found, kinds := grepOutput(t, out, all)
		for _, k := range []string{"html", "index shards", "index documents", "index manifest", "feed.xml", "sitemap.xml", "calendar.ics", "_headers", "members.json"} {
			if !kinds[k] {
				t.Errorf("drafts=%v: no %s was searched", drafts, k)
			}
		}
		for _, m := range privateMarkers {
			if len(found[m]) > 0 {
				t.Errorf("drafts=%v: the private value %q is published in %v", drafts, m, found[m])
			}
		}
		for _, m := range draftMarkers {
			if !drafts && len(found[m]) > 0 {
				t.Errorf("the draft value %q is published in %v", m, found[m])
			}
			if drafts && len(found[m]) == 0 {
				t.Errorf("with --drafts, %q is nowhere: the planting does not work", m)
			}
		}
		if !drafts {
			for _, path := range []string{"members/secret-draft", "topics/secret-topic", "secret-page", "curriculum/secret-mod", "events/draft-fair", "minutes/2026-01-01-secret",
				"exchanges/secret-exchange", "assessments/secret-assessment"} {
				if _, err := os.Stat(filepath.Join(out, path)); err == nil {
					t.Errorf("the draft %s/ is published", path)
				}
			}
			if entries, _ := os.ReadDir(filepath.Join(out, "events", "expo")); len(entries) != 2 || entries[0].Name() != "flyer.txt" || entries[1].Name() != "index.html" {
				t.Errorf("events/expo/ holds %v: want the page and the public flyer, not the private badge or ledger", entries)
			}
			for _, path := range []string{"events/by.informant", "events/by.secret_topics"} {
				if _, err := os.Stat(filepath.Join(out, path)); err == nil {
					t.Errorf("%s/: a facet of a private field", path)
				}
			}
			// Published entries that point at drafts do not name them.
			for _, f := range []string{"minutes/2026-01-02-pub/index.html", "topics/facilitation/index.html", "actions/index.html", "sitemap.xml",
				"exchanges/public-exchange/index.html", "exchanges/index.html", "impact/index.html", "calendar.ics"} {
				if strings.Contains(read(t, filepath.Join(out, f)), "secret-") {
					t.Errorf("%s links to a draft", f)
				}
			}
		}
	}
}

// TestPlantedSecretsInTranslations: a private field is not translatable,
// so a translation that restates one is an error (and the site is not
// built); translations of entries with private fields publish none of
// them in any language; a draft translation is left out without --drafts.
func TestPlantedSecretsInTranslations(t *testing.T) {
	t.Parallel()
	src := secretSite(t)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/members/red-mujeres-sonora.km.md", "+++\nname = \"Red de Mujeres\"\nphone = \"+52 zqxphone 4242\"\n+++\n")
	write("content/events/fair.es.md", "+++\ntitle = \"Feria\"\n[[sessions]]\ntitle = \"Apertura\"\ndoor_code = \"zqxdoorcode\"\n+++\n")
	p, err := Open(context.Background(), Options{Source: src, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var refused []string
	for _, d := range p.Diags {
		if d.Code == "not-translatable" {
			refused = append(refused, d.File+" "+d.Key)
		}
	}
	p.Close()
	if want := []string{"content/events/fair.es.md sessions.0.door_code", "content/members/red-mujeres-sonora.km.md phone"}; !slicesEqualSorted(refused, want) {
		t.Errorf("private fields in translations: errors at %q, want %q", refused, want)
	}

	write("content/members/red-mujeres-sonora.km.md", "+++\nname = \"Red de Mujeres\"\n+++\n\nបណ្ដាញស្ត្រី។\n")
	write("content/events/fair.es.md", "+++\ntitle = \"Feria de primavera\"\n[[sessions]]\ntitle = \"Apertura\"\n+++\n\nUna feria pública.\n")
	write("content/pages/about.mn.md", "+++\ntitle = \"zqxdrafttranslation\"\ndraft = true\n+++\n\nzqxdrafttranslation\n")
	for _, drafts := range []bool{false, true} {
		out := buildPlanted(t, src, drafts)
		found, _ := grepOutput(t, out, append(slices.Clone(privateMarkers), "zqxdrafttranslation"))
		for _, m := range privateMarkers {
			if len(found[m]) > 0 {
				t.Errorf("drafts=%v: the private value %q is published in %v", drafts, m, found[m])
			}
		}
		if got := len(found["zqxdrafttranslation"]) > 0; got != drafts {
			t.Errorf("drafts=%v: the draft translation is published: %v", drafts, found["zqxdrafttranslation"])
		}
		for _, f := range []string{"km/members/red-mujeres-sonora/index.html", "es/events/fair/index.html"} {
			if html := read(t, filepath.Join(out, f)); !strings.Contains(html, "បណ្ដាញស្ត្រី") && !strings.Contains(html, "Una feria pública") {
				t.Errorf("%s does not show its translation: the planting does not work", f)
			}
		}
	}
}

func slicesEqualSorted(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// privateScore is a score no output may hold, as it is or as a share of
// its scale (0.123456 of 1: 12.3456 %, which charts would write 12.3).
const privateScore = "0.123456"

// plantPrivateScores makes the scores of assessments private (a
// community's schema/assessment.toml), with a private note on each, and
// adds a private field to exchanges; then plants two assessments of a
// member with a telltale score, and an exchange with a contact.
func plantPrivateScores(t *testing.T, src string) {
	t.Helper()
	root := exampletest.Root()
	assessment := read(t, filepath.Join(root, "schema", "assessment.toml"))
	assessment = strings.Replace(assessment, "[fields.scores.fields.score]\ntype = \"float\"\n", "[fields.scores.fields.score]\ntype = \"float\"\nprivate = true\n", 1)
	assessment += "\n[fields.scores.fields.note]\ntype = \"string\"\nprivate = true\n"
	exchange := read(t, filepath.Join(root, "schema", "exchange.toml")) + "\n[fields.contact]\ntype = \"string\"\nprivate = true\n"
	files := map[string]string{
		"schema/assessment.toml": assessment,
		"schema/exchange.toml":   exchange,
		"content/assessments/planted-score-1.toml": "member = \"lucia-ferrer\"\ndate = 2025-01-01\ninstrument = \"Secret check\"\n" +
			"[[scores]]\narea = \"Area\"\nscore = " + privateScore + "\nmax = 1\nnote = \"zqxscorenote\"\n",
		"content/assessments/planted-score-2.toml": "member = \"lucia-ferrer\"\ndate = 2026-01-01\ninstrument = \"Secret check\"\n" +
			"[[scores]]\narea = \"Area\"\nscore = " + privateScore + "\nmax = 1\n",
		"content/exchanges/planted-contact.md": "+++\ntitle = \"A public exchange\"\ntopic = \"facilitation\"\nproviders = [\"lucia-ferrer\"]\n" +
			"recipients = [\"chan-sokha\"]\nstatus = \"done\"\nheld = 2026-03-01\ncontact = \"zqxexchangecontact\"\n+++\n",
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPrivateScoresMakeNoFigure: with private scores, no output holds a
// score, as it is or in a share, and neither the impact page nor a
// member's page computes anything from them: they say the scores are
// private.
func TestPrivateScoresMakeNoFigure(t *testing.T) {
	t.Parallel()
	src := secretSite(t)
	out, _ := buildSite(t, src, BuildOptions{})
	found, _ := grepOutput(t, out, []string{privateScore, "12.3456", ">12.3", "12 %"})
	for marker, files := range found {
		t.Errorf("the private score shows as %q in %v", marker, files)
	}
	page := read(t, filepath.Join(out, "impact", "index.html"))
	if !strings.Contains(page, "keeps assessment scores private") || strings.Contains(page, "capacity-chart") {
		t.Error("/impact/ draws a capacity figure from private scores")
	}
	if member := read(t, filepath.Join(out, "members", "lucia-ferrer", "index.html")); strings.Contains(member, `id="progress"`) {
		t.Error("the member page shows progress from private scores")
	}
}
