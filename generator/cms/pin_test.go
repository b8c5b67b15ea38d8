package cms

import (
	"encoding/json"
	"os"
	"testing"
)

// TestBrowserSuitePinsTheSameVersion: tests/browser installs the CMS
// that /admin/ loads (its end-to-end test serves that package's
// dist/sveltia-cms.js at ScriptURL, so the browser checks Integrity
// against the bytes npm installed); package.json and its lock file must
// name Version, or the test would check another release.
func TestBrowserSuitePinsTheSameVersion(t *testing.T) {
	var pkg struct {
		DevDependencies map[string]string `json:"devDependencies"`
	}
	readJSON(t, "../../tests/browser/package.json", &pkg)
	if got := pkg.DevDependencies["@sveltia/cms"]; got != Version {
		t.Errorf("tests/browser/package.json: @sveltia/cms %q, want %q (generator/cms.Version)", got, Version)
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	readJSON(t, "../../tests/browser/package-lock.json", &lock)
	if got := lock.Packages["node_modules/@sveltia/cms"].Version; got != Version {
		t.Errorf("tests/browser/package-lock.json: @sveltia/cms %q, want %q (run npm install in tests/browser)", got, Version)
	}
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}
