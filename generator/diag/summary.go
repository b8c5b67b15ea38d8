package diag

import (
	"bufio"
	"fmt"
	"io"
	"slices"
)

// ShownPerKind is how many warnings of one kind a summary shows.
const ShownPerKind = 3

// PrintSummary writes, as text, every error of l and, of each kind of
// warning (its Code), the first ShownPerKind in the order Print writes
// them, then how many more there are. A kind with more than that shows
// its first warning in full and the next on a line each; a smaller kind
// prints as Print prints it. A build and the preview server print their
// problems this way, so that an error is not lost among 50,000 overdue
// actions; the last line points to agora check, which prints them all.
//
// place fills in the positions of the diagnostics of its list that are
// still Pending (load.Locate); nil when none is. It is called once, with
// every error but only the warnings that may be shown: all of a kind's
// warnings in the first files holding them, since their order within a
// file is known only once they are placed. So a build with 50,000
// warnings reads a few files again, not 50,000.
func (p Printer) PrintSummary(w io.Writer, l List, place func(List)) error {
	errs, kinds := summarise(l, place)
	bw := bufio.NewWriter(w)
	cache := map[string][]string{}
	cut := false
	for _, k := range kinds {
		for i, d := range k.first {
			if i == 0 || k.count <= ShownPerKind {
				p.writeText(bw, cache, d)
			} else {
				p.writeHeading(bw, d)
			}
		}
		if more := k.count - len(k.first); more > 0 {
			cut = true
			fmt.Fprintln(bw, p.paint(dim, fmt.Sprintf("  … and %d more [%s] %s (%d in all)", more, k.code, plural(more, "warning"), k.count)))
		}
	}
	for _, d := range errs {
		p.writeText(bw, cache, d)
	}
	note := ""
	if cut {
		note = fmt.Sprintf(" (the first %d of each kind shown; agora check lists them all)", ShownPerKind)
	}
	p.writeCounts(bw, l, note)
	return bw.Flush()
}

// kindSummary is what a summary shows of one kind of warning.
type kindSummary struct {
	code  string
	count int
	first List // placed and sorted, at most ShownPerKind
}

// summarise returns the errors of l and the first warnings of each kind,
// all placed and sorted; the kinds come in the order of their first
// warning.
func summarise(l List, place func(List)) (List, []kindSummary) {
	var shown List
	byCode := map[string][]int{}
	var codes []string
	for i, d := range l {
		if d.Severity == Error {
			shown = append(shown, d)
			continue
		}
		if byCode[d.Code] == nil {
			codes = append(codes, d.Code)
		}
		byCode[d.Code] = append(byCode[d.Code], i)
	}
	nerrs := len(shown)
	ends := make([]int, len(codes)) // kind i's candidates end at shown[ends[i]]
	for i, code := range codes {
		shown = append(shown, firstFiles(l, byCode[code])...)
		ends[i] = len(shown)
	}
	if place != nil {
		place(shown)
	}
	errs := shown[:nerrs]
	errs.Sort()
	kinds := make([]kindSummary, len(codes))
	start := nerrs
	for i, code := range codes {
		first := shown[start:ends[i]]
		first.Sort()
		kinds[i] = kindSummary{code: code, count: len(byCode[code]), first: first[:min(len(first), ShownPerKind)]}
		start = ends[i]
	}
	slices.SortStableFunc(kinds, func(a, b kindSummary) int { return compare(a.first[0], b.first[0]) })
	return errs, kinds
}

// firstFiles returns the diagnostics of l at idx that sit in the files
// holding the first ShownPerKind of them, in the order of their files:
// every one of each such file, as its place in the file may be unknown.
func firstFiles(l List, idx []int) List {
	slices.SortFunc(idx, func(a, b int) int { return compare(l[a], l[b]) })
	n := 0
	for n < len(idx) && (n < ShownPerKind || l[idx[n]].File == l[idx[n-1]].File) {
		n++
	}
	out := make(List, n)
	for i, j := range idx[:n] {
		out[i] = l[j]
	}
	return out
}
