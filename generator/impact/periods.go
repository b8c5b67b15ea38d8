package impact

import (
	"strconv"
	"time"
)

// Period is a quarter or a year.
type Period struct {
	Year    int
	Quarter int // 1 to 4; 0 for a whole year
}

// Label is "2025 Q3" or "2025".
func (p Period) Label() string {
	if p.Quarter == 0 {
		return strconv.Itoa(p.Year)
	}
	return strconv.Itoa(p.Year) + " Q" + strconv.Itoa(p.Quarter)
}

// maxQuarters is the most quarters a figure shows one by one; a longer
// span is shown by year, so that a chart stays a screen high.
const maxQuarters = 16

// periods spans the dates by quarter, or by year when they span more
// than maxQuarters quarters; of returns the period of a date.
func periods(dates []time.Time) (all []Period, of func(time.Time) Period) {
	var first, last time.Time
	for _, d := range dates {
		if d.IsZero() {
			continue
		}
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if last.IsZero() || d.After(last) {
			last = d
		}
	}
	if first.IsZero() {
		return nil, nil
	}
	quarter := func(d time.Time) Period { return Period{d.Year(), (int(d.Month())-1)/3 + 1} }
	year := func(d time.Time) Period { return Period{Year: d.Year()} }
	of = quarter
	if index(quarter(last))-index(quarter(first)) >= maxQuarters {
		of = year
	}
	for p := of(first); ; p = p.next() {
		all = append(all, p)
		if p == of(last) {
			break
		}
	}
	return all, of
}

// index numbers quarters in order.
func index(p Period) int { return p.Year*4 + p.Quarter - 1 }

func (p Period) next() Period {
	switch {
	case p.Quarter == 0:
		return Period{Year: p.Year + 1}
	case p.Quarter == 4:
		return Period{p.Year + 1, 1}
	}
	return Period{p.Year, p.Quarter + 1}
}

// position is where a period stands in all, which holds it.
func position(all []Period, p Period) int {
	first := all[0]
	if p.Quarter == 0 {
		return p.Year - first.Year
	}
	return index(p) - index(first)
}
