package link

import (
	"testing"
	"unsafe"
)

func TestKeyNamesMakeTheSamePathsAsPlainStrings(t *testing.T) {
	for _, n := range []*keyNames{nil, newKeyNames()} {
		if got := n.join("", "owner"); got != "owner" {
			t.Errorf("join(\"\", owner) = %q", got)
		}
		if got := n.join("actions", "owner"); got != "actions.owner" {
			t.Errorf("join(actions, owner) = %q", got)
		}
		if got := n.index("members", 12); got != "members.12" {
			t.Errorf("index(members, 12) = %q", got)
		}
		if got := n.join(n.index("actions", 0), "owner"); got != "actions.0.owner" {
			t.Errorf("nested = %q", got)
		}
	}
}

func TestKeyNamesKeepOneCopyOfEachPath(t *testing.T) {
	n := newKeyNames()
	a := n.index("members", 3)
	b := n.index("members", 3)
	if a != b || len(n.known) != 1 {
		t.Fatalf("got %q and %q, %d kept", a, b, len(n.known))
	}
	if unsafeData(a) != unsafeData(b) {
		t.Error("the same path was made twice instead of shared")
	}
	n.index("members", 4)
	if a != "members.3" {
		t.Errorf("a later path overwrote an earlier one: %q", a)
	}
}

func unsafeData(s string) *byte { return unsafe.StringData(s) }

func TestKeyNamesShareOneRefPathPerKey(t *testing.T) {
	for _, n := range []*keyNames{nil, newKeyNames()} {
		p := n.itemPath("attendees", 2, "attendees")
		if p.key != "attendees.2" || p.field != "attendees" {
			t.Errorf("itemPath(attendees, 2) = %+v", *p)
		}
		if q := n.path("owner", "owner"); q.key != "owner" || q.field != "owner" {
			t.Errorf("path(owner) = %+v", *q)
		}
	}
	n := newKeyNames()
	a, b := n.itemPath("topics", 0, "topics"), n.itemPath("topics", 0, "topics")
	if a != b {
		t.Error("the same item's path was made twice instead of shared")
	}
	if c := n.itemPath("topics", 1, "topics"); c == a || a.key != "topics.0" || c.key != "topics.1" {
		t.Errorf("a later item's path is %q, the first's now %q", c.key, a.key)
	}
	if n.path(a.key, a.field) != a {
		t.Error("path and itemPath keep different refPaths for one key")
	}
}
