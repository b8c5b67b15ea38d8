package paginate

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	for _, c := range []struct{ total, size, want int }{
		{0, 50, 1}, {1, 50, 1}, {50, 50, 1}, {51, 50, 2}, {100, 50, 2}, {101, 50, 3}, {7, 0, 1},
	} {
		if got := Pages(c.total, c.size); got != c.want {
			t.Errorf("Pages(%d, %d) = %d, want %d", c.total, c.size, got, c.want)
		}
	}
}

func TestPath(t *testing.T) {
	for n, want := range map[int]string{1: "minutes/", 2: "minutes/page/2/", 12: "minutes/page/12/"} {
		if got := Path("minutes/", n); got != want {
			t.Errorf("Path(minutes/, %d) = %q, want %q", n, got, want)
		}
	}
}

// Every item is on exactly one page, in order, whatever the sizes.
func TestBoundsCoverTheListOnce(t *testing.T) {
	for total := 0; total <= 23; total++ {
		for size := 1; size <= 7; size++ {
			var seen []int
			count := Pages(total, size)
			for n := 1; n <= count; n++ {
				from, to := Of("x/", n, total, size).Bounds()
				if n < count && to-from != size || to-from > size {
					t.Fatalf("total %d size %d: page %d holds %d", total, size, n, to-from)
				}
				for i := from; i < to; i++ {
					seen = append(seen, i)
					if PageOf(i, size) != n {
						t.Fatalf("PageOf(%d, %d) = %d, want %d", i, size, PageOf(i, size), n)
					}
				}
			}
			if len(seen) != total || !slices.IsSorted(seen) || (total > 0 && seen[total-1] != total-1) {
				t.Fatalf("total %d size %d: pages hold %v", total, size, seen)
			}
		}
	}
}

func TestPrevNext(t *testing.T) {
	p := Of("actions/", 1, 120, 50)
	if p.Prev() != "" || p.Next() != "actions/page/2/" || p.Path() != "actions/" || !p.Paged() {
		t.Errorf("page 1: prev %q next %q path %q", p.Prev(), p.Next(), p.Path())
	}
	p = Of("actions/", 2, 120, 50)
	if p.Prev() != "actions/" || p.Next() != "actions/page/3/" || p.First() != 51 || p.Last() != 100 {
		t.Errorf("page 2: prev %q next %q first %d last %d", p.Prev(), p.Next(), p.First(), p.Last())
	}
	p = Of("actions/", 3, 120, 50)
	if p.Next() != "" || p.Last() != 120 {
		t.Errorf("page 3: next %q last %d", p.Next(), p.Last())
	}
	if Of("x/", 1, 3, 50).Paged() {
		t.Error("a list of one page is not paged")
	}
}

// links writes Links as "1 … 4 [5] 6 … 9".
func links(p Page) string {
	var parts []string
	for _, l := range p.Links() {
		switch {
		case l.Gap():
			parts = append(parts, "…")
		case l.Current:
			parts = append(parts, "["+strconv.Itoa(l.Number)+"]")
		default:
			parts = append(parts, strconv.Itoa(l.Number))
		}
	}
	return strings.Join(parts, " ")
}

func TestLinks(t *testing.T) {
	for _, c := range []struct {
		n, count int
		want     string
	}{
		{1, 1, ""},
		{1, 2, "[1] 2"},
		{2, 2, "1 [2]"},
		{1, 9, "[1] 2 3 … 9"},
		{4, 9, "1 2 3 [4] 5 6 … 9"},
		{5, 9, "1 2 3 4 [5] 6 7 8 9"},
		{6, 12, "1 … 4 5 [6] 7 8 … 12"},
		{12, 12, "1 … 10 11 [12]"},
		{500, 1000, "1 … 498 499 [500] 501 502 … 1000"},
	} {
		p := Of("m/", c.n, c.count*10, 10)
		if got := links(p); got != c.want {
			t.Errorf("page %d of %d: %q, want %q", c.n, c.count, got, c.want)
		}
	}
	for _, l := range Of("m/", 3, 100, 10).Links() {
		if !l.Gap() && l.Path != Path("m/", l.Number) {
			t.Errorf("link %d goes to %q", l.Number, l.Path)
		}
	}
}
