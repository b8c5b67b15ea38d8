package write

import (
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestCString: the path handed to the kernel is the path and a NUL,
// whether it fits the stack buffer or not, and a path holding a NUL is
// refused rather than cut short.
func TestCString(t *testing.T) {
	for _, s := range []string{"", "a", "members/ana/index.html", strings.Repeat("x", len(pathBuf{})-1), strings.Repeat("y", len(pathBuf{})), strings.Repeat("z", 1000)} {
		var buf pathBuf
		p, err := buf.cstring(s)
		if err != nil {
			t.Fatalf("%d bytes: %v", len(s), err)
		}
		got := unsafe.Slice(p, len(s)+1)
		if string(got[:len(s)]) != s || got[len(s)] != 0 {
			t.Errorf("%d bytes: not the path and a NUL", len(s))
		}
	}
	var buf pathBuf
	if _, err := buf.cstring("a\x00b"); err != unix.EINVAL {
		t.Errorf("a NUL inside: %v", err)
	}
	if _, err := buf.cstring(strings.Repeat("a", 300) + "\x00"); err != unix.EINVAL {
		t.Errorf("a NUL inside a long path: %v", err)
	}
}
