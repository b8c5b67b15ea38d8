package site_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/agora-community/agora/generator/diag"
	"github.com/agora-community/agora/generator/site"
)

// TestExampleCommunityChecks opens the repository's own example
// community (content/ and site.toml) as agora check does: no errors, and
// with a fixed today only the warnings about overdue open actions.
func TestExampleCommunityChecks(t *testing.T) {
	source := filepath.Join("..", "..")
	if _, err := os.Stat(filepath.Join(source, "site.toml")); err != nil {
		t.Skipf("no example community: %v", err)
	}
	for _, drafts := range []bool{false, true} {
		p, err := site.Open(context.Background(), site.Options{Source: source, Drafts: drafts, Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		errs, warns := p.Diags.Count()
		if errs > 0 {
			var b []byte
			for _, d := range p.Diags {
				b = append(b, d.File+": "+d.Message+"\n"...)
			}
			t.Errorf("the example has %d errors:\n%s", errs, b)
		}
		stale := 0
		for _, d := range p.Diags {
			if d.Code == "stale-translation" && d.File == "content/charters/network.es.md" {
				stale++
				continue
			}
			if d.Severity == diag.Warning && (d.Code != "overdue" || d.Line == 0 || d.Col == 0) {
				t.Errorf("unexpected warning %s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Code, d.Message)
			}
		}
		if warns != 3 || stale != 1 {
			t.Errorf("%d warnings, %d of a stale translation; want the example's 2 overdue actions and its one stale translation", warns, stale)
		}
		if len(p.Content.Entries) < 50 {
			t.Errorf("only %d entries", len(p.Content.Entries))
		}
		for _, typ := range p.Schema.Types {
			if len(p.Graph.Entries(typ.Name)) == 0 {
				t.Errorf("the example has no %s", typ.Name)
			}
		}
		p.Close()
	}
}
