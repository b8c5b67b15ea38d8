package diag

import (
	"strings"

	"golang.org/x/text/cases"
)

// Suggest returns the candidate nearest to got, or "" when none is close
// enough to be a likely typo. Comparison ignores case.
func Suggest(got string, candidates []string) string {
	folder := cases.Fold() // a Caser is not safe for concurrent use
	g := folder.String(got)
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(g, folder.String(c))
		limit := max(1, min(len([]rune(g)), len([]rune(c)))/3)
		if strings.HasPrefix(folder.String(c), g) && len(g) >= 3 {
			d = min(d, limit)
		}
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean phrases a suggestion as a hint, or "" when there is none.
func DidYouMean(got string, candidates []string) string {
	if s := Suggest(got, candidates); s != "" {
		return `did you mean "` + s + `"?`
	}
	return ""
}

// distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
