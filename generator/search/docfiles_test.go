package search

import (
	"testing"

	"github.com/agora-community/agora/generator/write"
)

// TestDocNamesAreWritable: result files are named by number, and at
// 100,000 entries base 36 alone would name one aux.js, which Windows
// cannot hold and the writer refuses.
func TestDocNamesAreWritable(t *testing.T) {
	for id := 0; id < 200000; id++ {
		if err := write.CheckPath("search/index/d-00000000/" + DocName(id) + ".js"); err != nil {
			t.Fatalf("id %d: %v", id, err)
		}
	}
}
