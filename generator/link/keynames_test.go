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
