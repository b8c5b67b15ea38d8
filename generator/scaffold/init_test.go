package scaffold_test

import (
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/agora-community/agora"
	"github.com/agora-community/agora/generator/scaffold"
	"github.com/agora-community/agora/generator/schema"
)

// workflow is the part of a GitHub Actions workflow the tests look at.
type workflow struct {
	Name        string            `yaml:"name"`
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]job    `yaml:"jobs"`
	Concurrency map[string]any    `yaml:"concurrency"`
}

type job struct {
	RunsOn      string         `yaml:"runs-on"`
	Needs       any            `yaml:"needs"`
	Environment map[string]any `yaml:"environment"`
	Steps       []step         `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]any    `yaml:"with"`
	Env  map[string]string `yaml:"env"`
}

func parseWorkflow(t *testing.T, name, src string) workflow {
	t.Helper()
	if strings.Contains(src, "\t") {
		t.Fatalf("%s holds a tab, which YAML forbids in indentation", name)
	}
	var w workflow
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&w); err != nil {
		t.Fatalf("%s is not valid YAML of the expected shape: %v\n%s", name, err, src)
	}
	for name, j := range w.Jobs {
		if j.RunsOn == "" || len(j.Steps) == 0 {
			t.Errorf("job %s has no runs-on or no steps", name)
		}
		for i, s := range j.Steps {
			if (s.Uses == "") == (s.Run == "") {
				t.Errorf("job %s step %d (%s): exactly one of uses and run is needed", name, i+1, s.Name)
			}
		}
	}
	return w
}

// stepIndex finds the first step that uses an action (by prefix) or runs
// a command (by substring); -1 if none.
func stepIndex(j job, uses, run string) int {
	return slices.IndexFunc(j.Steps, func(s step) bool {
		return (uses != "" && strings.HasPrefix(s.Uses, uses+"@")) || (run != "" && strings.Contains(s.Run, run))
	})
}

func initFiles(t *testing.T, opts scaffold.InitOptions) map[string]string {
	t.Helper()
	sch, diags := schema.Load(agora.DefaultSchema, nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	opts.Schema = sch
	opts.DefaultSchema, opts.DefaultTheme = agora.DefaultSchema, agora.DefaultTheme
	files, err := scaffold.Init(opts)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		out[f.Path] = string(f.Data)
	}
	return out
}

// TestCheckWorkflow: on every pull request, set up Go, install agora and
// run agora check --format github, in that order.
func TestCheckWorkflow(t *testing.T) {
	files := initFiles(t, scaffold.InitOptions{Title: "Test", Version: "v1.2.3"})
	w := parseWorkflow(t, "check.yml", files[".github/workflows/check.yml"])
	if _, ok := w.On["pull_request"]; !ok {
		t.Errorf("check.yml does not run on pull_request: %v", w.On)
	}
	if w.Permissions["contents"] != "read" || len(w.Permissions) != 1 {
		t.Errorf("check.yml permissions = %v, want contents: read only", w.Permissions)
	}
	j, ok := w.Jobs["check"]
	if !ok || len(w.Jobs) != 1 {
		t.Fatalf("jobs = %v, want one job check", w.Jobs)
	}
	checkout := stepIndex(j, "actions/checkout", "")
	setupGo := stepIndex(j, "actions/setup-go", "")
	install := stepIndex(j, "", "go install github.com/agora-community/agora/cmd/agora@v1.2.3")
	check := stepIndex(j, "", "agora check --format github")
	if checkout < 0 || setupGo < 0 || install < 0 || check < 0 || !(checkout < setupGo && setupGo < install && install < check) {
		t.Errorf("steps out of order or missing: checkout %d, setup-go %d, install %d, check %d", checkout, setupGo, install, check)
	}
	if setupGo >= 0 && j.Steps[setupGo].With["go-version"] == nil {
		t.Error("setup-go has no go-version")
	}
}

// TestPagesWorkflow: on every push to the published branch, build with
// the Pages address and deploy with upload-pages-artifact and deploy-pages.
func TestPagesWorkflow(t *testing.T) {
	files := initFiles(t, scaffold.InitOptions{Title: "Test", Branch: "trunk"})
	w := parseWorkflow(t, "pages.yml", files[".github/workflows/pages.yml"])
	push, _ := w.On["push"].(map[string]any)
	if branches, _ := push["branches"].([]any); !slices.Equal(branches, []any{"trunk"}) {
		t.Errorf("pages.yml runs on push to %v, want [trunk]", push["branches"])
	}
	for k, v := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if w.Permissions[k] != v {
			t.Errorf("permission %s = %q, want %q", k, w.Permissions[k], v)
		}
	}
	build, deploy := w.Jobs["build"], w.Jobs["deploy"]
	checkout := stepIndex(build, "actions/checkout", "")
	if checkout < 0 || build.Steps[checkout].With["fetch-depth"] != 0 {
		t.Error("the build does not check out the whole history (fetch-depth: 0), which last-change dates need")
	}
	install := stepIndex(build, "", "go install github.com/agora-community/agora/cmd/agora@latest")
	configure := stepIndex(build, "actions/configure-pages", "")
	agoraBuild := stepIndex(build, "", "agora build --out public --base-url")
	upload := stepIndex(build, "actions/upload-pages-artifact", "")
	if install < 0 || configure < 0 || agoraBuild < 0 || upload < 0 || !(install < agoraBuild && configure < agoraBuild && agoraBuild < upload) {
		t.Errorf("build steps out of order or missing: install %d, configure %d, build %d, upload %d", install, configure, agoraBuild, upload)
	} else {
		if id := build.Steps[configure].ID; id == "" || !strings.Contains(build.Steps[agoraBuild].Run, "steps."+id+".outputs.base_url") {
			t.Errorf("agora build does not use the Pages address: %q", build.Steps[agoraBuild].Run)
		}
		if build.Steps[upload].With["path"] != "public" {
			t.Errorf("upload-pages-artifact path = %v, want public", build.Steps[upload].With["path"])
		}
	}
	if cache := stepIndex(build, "actions/cache", ""); cache < 0 || cache > agoraBuild || build.Steps[cache].With["path"] != ".agora-cache" {
		t.Error("the build does not keep .agora-cache between runs (actions/cache before agora build): every photo would be processed again")
	}
	if deploy.Needs != "build" || deploy.Environment["name"] != "github-pages" || stepIndex(deploy, "actions/deploy-pages", "") < 0 {
		t.Errorf("deploy job: needs %v, environment %v, steps %v", deploy.Needs, deploy.Environment, deploy.Steps)
	}
}

// TestGitLabCI: a check job on merge requests, and a pages job on the
// published branch whose artifact is public/.
func TestGitLabCI(t *testing.T) {
	files := initFiles(t, scaffold.InitOptions{Title: "Test"})
	var ci map[string]any
	if err := yaml.Unmarshal([]byte(files[".gitlab-ci.yml"]), &ci); err != nil {
		t.Fatalf(".gitlab-ci.yml is not valid YAML: %v", err)
	}
	job := func(name string) map[string]any {
		j, ok := ci[name].(map[string]any)
		if !ok {
			t.Fatalf("no job %s in .gitlab-ci.yml", name)
		}
		return j
	}
	script := func(j map[string]any) string {
		var parts []string
		for _, s := range j["script"].([]any) {
			parts = append(parts, s.(string))
		}
		return strings.Join(parts, "\n")
	}
	rule := func(j map[string]any) string {
		rules, _ := j["rules"].([]any)
		if len(rules) == 0 {
			return ""
		}
		return rules[0].(map[string]any)["if"].(string)
	}
	check, pages := job("check"), job("pages")
	if !strings.Contains(rule(check), `$CI_PIPELINE_SOURCE == "merge_request_event"`) || !strings.Contains(script(check), "agora check") {
		t.Errorf("check job: rule %q, script %q", rule(check), script(check))
	}
	if !strings.Contains(rule(pages), `$CI_COMMIT_BRANCH == "main"`) || !strings.Contains(script(pages), `agora build --out public --base-url "$CI_PAGES_URL/"`) {
		t.Errorf("pages job: rule %q, script %q", rule(pages), script(pages))
	}
	if cache, _ := pages["cache"].(map[string]any); cache == nil || !slices.Equal(cache["paths"].([]any), []any{".agora-cache/"}) {
		t.Errorf("pages cache = %v, want paths [.agora-cache/]: every photo would be processed again", pages["cache"])
	}
	artifacts, _ := pages["artifacts"].(map[string]any)
	if paths, _ := artifacts["paths"].([]any); !slices.Equal(paths, []any{"public"}) {
		t.Errorf("pages artifacts = %v, want paths [public]", artifacts)
	}
	if vars, _ := ci["variables"].(map[string]any); vars["GIT_DEPTH"] != "0" {
		t.Errorf("GIT_DEPTH = %v, want \"0\" (the whole history, for last-change dates)", vars["GIT_DEPTH"])
	}
}

// TestInitFiles: the default schema and theme stay embedded unless
// ejected; CONTRIBUTING.md holds the guide and the schema reference.
func TestInitFiles(t *testing.T) {
	files := initFiles(t, scaffold.InitOptions{Title: "Red"})
	for _, p := range []string{"site.toml", ".gitignore", "CONTRIBUTING.md", "content/members/first-member.md",
		"content/topics/peer-learning.toml", "content/charters/our-network.md", "content/pages/about.md"} {
		if files[p] == "" {
			t.Errorf("no %s", p)
		}
	}
	for p := range files {
		if strings.HasPrefix(p, "schema/") || strings.HasPrefix(p, "themes/") {
			t.Errorf("%s written without --eject", p)
		}
	}
	c := files["CONTRIBUTING.md"]
	for _, want := range []string{"# How to contribute to Red", "pull request", "## Content reference", "### minutes", "| `rapporteur` | ref → member | yes |"} {
		if !strings.Contains(c, want) {
			t.Errorf("CONTRIBUTING.md lacks %q", want)
		}
	}
	ejected := initFiles(t, scaffold.InitOptions{Title: "Red", Eject: true})
	for _, p := range []string{"schema/member.toml", "schema/page.toml", "themes/default/templates/base.html", "themes/default/i18n/mn.toml"} {
		if ejected[p] == "" {
			t.Errorf("--eject did not copy %s", p)
		}
	}
}
