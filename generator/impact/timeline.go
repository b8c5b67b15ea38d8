package impact

import (
	"slices"
	"time"
)

// Timeline is the exchanges of each period by status, dated by when they
// were held, or else agreed.
type Timeline struct {
	Periods []PeriodCounts
	// Undated counts by status the exchanges with neither date (most
	// are proposed).
	Undated [4]int
	Total   int
}

// PeriodCounts is one period's exchanges by status (see Statuses).
type PeriodCounts struct {
	Period Period
	Counts [4]int
}

// ExchangesOverTime counts the exchanges of each quarter (or year) by status.
func ExchangesOverTime(in Input) Timeline {
	var dates []time.Time
	for _, x := range in.Exchanges {
		dates = append(dates, x.Date())
	}
	all, of := periods(dates)
	out := Timeline{Periods: make([]PeriodCounts, len(all))}
	for i, p := range all {
		out.Periods[i].Period = p
	}
	for _, x := range in.Exchanges {
		s := slices.Index(Statuses, x.Status)
		if s < 0 {
			continue
		}
		out.Total++
		if d := x.Date(); !d.IsZero() {
			out.Periods[position(all, of(d))].Counts[s]++
		} else {
			out.Undated[s]++
		}
	}
	return out
}

// ByStatus adds up the counts of every period and the undated.
func (t Timeline) ByStatus() [4]int {
	sum := t.Undated
	for _, p := range t.Periods {
		for i, n := range p.Counts {
			sum[i] += n
		}
	}
	return sum
}
