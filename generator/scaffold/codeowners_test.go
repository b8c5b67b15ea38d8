package scaffold

import (
	"strings"
	"testing"
)

func TestMaintainersTeam(t *testing.T) {
	for _, c := range []struct{ repo, want string }{
		{"https://github.com/our-org/kb", "@our-org/maintainers"},
		{"https://gitlab.com/network/mongolia/kb/", "@network/mongolia/maintainers"},
		{"https://codeberg.org/red/kb", "@red/maintainers"},
		{"", "@YOUR-ORGANIZATION/maintainers"},
		{"https://github.com/", "@YOUR-ORGANIZATION/maintainers"},
	} {
		if got := MaintainersTeam(c.repo); got != c.want {
			t.Errorf("MaintainersTeam(%q) = %q, want %q", c.repo, got, c.want)
		}
	}
}

// Every guarded path has an owner line, and nothing else is owned: a
// content change must not wait for the maintainers.
func TestCodeOwnersLines(t *testing.T) {
	var owned []string
	for _, line := range strings.Split(CodeOwners("https://github.com/o/kb"), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 2 || fields[1] != "@o/maintainers" {
			t.Errorf("line %q: want PATH @o/maintainers", line)
		}
		owned = append(owned, fields[0])
	}
	if got, want := strings.Join(owned, " "), strings.Join(guarded, " "); got != want {
		t.Errorf("owned %s, want %s", got, want)
	}
}
