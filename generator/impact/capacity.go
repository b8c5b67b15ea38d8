package impact

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Instrument is the capacity before and after of every area one
// instrument assesses.
type Instrument struct {
	Name  string
	Areas []AreaChange
}

// AreaChange compares, for one area, each member's first and latest
// scores (as a share of the scale, 0 to 100) among the members assessed
// at least twice on it.
type AreaChange struct {
	Area string
	// Members were assessed twice or more on the area; BaselineOnly once.
	Members, BaselineOnly int
	First, Latest         Summary
	// Improved, Same and Worse count the members whose latest score is
	// above, equal to or below their first.
	Improved, Same, Worse int
}

// Summary describes a set of percentages.
type Summary struct {
	Mean, Median float64
	// Q1 and Q3 bound the middle half (quartiles interpolated between
	// the nearest values, as spreadsheets' QUARTILE.INC does).
	Q1, Q3   float64
	Min, Max float64
}

// Progress is one member's first and latest score on one area of one
// instrument.
type Progress struct {
	Instrument, Area string
	First, Latest    Reading
	// Assessments is how many of the member's assessments scored the area.
	Assessments int
}

// Reading is a score on a given assessment.
type Reading struct {
	Assessment string // slug
	Score      Score
	Date       time.Time
}

// MemberProgress is a member's first and latest score on every area of
// every instrument it was assessed with, instruments by name and areas
// in the order first assessed.
func MemberProgress(member string, assessments []Assessment) []Progress {
	var own []Assessment
	for _, a := range assessments {
		if a.Member == member {
			own = append(own, a)
		}
	}
	return progressOf(own)
}

// progressOf is MemberProgress of one member's assessments.
func progressOf(own []Assessment) []Progress {
	sorted := slices.Clone(own)
	slices.SortStableFunc(sorted, func(a, b Assessment) int {
		return cmp.Or(cmp.Compare(a.Instrument, b.Instrument), a.Date.Compare(b.Date), cmp.Compare(a.Slug, b.Slug))
	})
	var out []Progress
	index := map[[2]string]int{}
	for _, a := range sorted {
		for _, s := range a.Scores {
			if !(s.Max > 0) {
				continue
			}
			r := Reading{Assessment: a.Slug, Score: s, Date: a.Date}
			k := [2]string{a.Instrument, s.Area}
			i, ok := index[k]
			if !ok {
				index[k] = len(out)
				out = append(out, Progress{Instrument: a.Instrument, Area: s.Area, First: r, Latest: r, Assessments: 1})
				continue
			}
			out[i].Latest = r
			out[i].Assessments++
		}
	}
	return out
}

// CapacityChange compares first and latest assessments per instrument
// and area, over every member.
func CapacityChange(assessments []Assessment) []Instrument {
	byMember := map[string][]Assessment{}
	var members []string
	for _, a := range assessments {
		if _, ok := byMember[a.Member]; !ok {
			members = append(members, a.Member)
		}
		byMember[a.Member] = append(byMember[a.Member], a)
	}
	slices.Sort(members)
	type pairs struct {
		first, latest []float64
		baseline      int
		order         int
	}
	byArea := map[[2]string]*pairs{}
	var keys [][2]string
	for _, m := range members {
		for _, p := range progressOf(byMember[m]) {
			k := [2]string{p.Instrument, p.Area}
			ps := byArea[k]
			if ps == nil {
				ps = &pairs{order: len(keys)}
				byArea[k] = ps
				keys = append(keys, k)
			}
			if p.Assessments < 2 {
				ps.baseline++
				continue
			}
			ps.first = append(ps.first, p.First.Score.Percent())
			ps.latest = append(ps.latest, p.Latest.Score.Percent())
		}
	}
	// Instruments by name; areas in the order members were first
	// assessed on them (the instrument's own order, as a rule).
	slices.SortStableFunc(keys, func(a, b [2]string) int { return cmp.Compare(a[0], b[0]) })
	var out []Instrument
	for _, k := range keys {
		ps := byArea[k]
		if n := len(out); n == 0 || out[n-1].Name != k[0] {
			out = append(out, Instrument{Name: k[0]})
		}
		c := AreaChange{Area: k[1], Members: len(ps.first), BaselineOnly: ps.baseline}
		if c.Members > 0 {
			c.First, c.Latest = summarize(ps.first), summarize(ps.latest)
		}
		for i := range ps.first {
			switch d := ps.latest[i] - ps.first[i]; {
			case d > 0:
				c.Improved++
			case d < 0:
				c.Worse++
			default:
				c.Same++
			}
		}
		inst := &out[len(out)-1]
		inst.Areas = append(inst.Areas, c)
	}
	return out
}

// Compared reports whether any area of the instrument has a member
// assessed twice.
func (in Instrument) Compared() bool {
	return slices.ContainsFunc(in.Areas, func(a AreaChange) bool { return a.Members > 0 })
}

func summarize(values []float64) Summary {
	v := slices.Clone(values)
	slices.Sort(v)
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	return Summary{Mean: sum / float64(len(v)), Median: quantile(v, 0.5), Q1: quantile(v, 0.25), Q3: quantile(v, 0.75),
		Min: v[0], Max: v[len(v)-1]}
}

// quantile interpolates between the two nearest of sorted values.
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(sorted) {
		return sorted[i]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}
