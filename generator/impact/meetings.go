package impact

import (
	"cmp"
	"slices"
	"time"
)

// Rotation is how the writing of minutes is shared among members.
type Rotation struct {
	Minutes     int // minutes with a known rapporteur
	Rapporteurs int // distinct members who wrote them
	// Top are the members who wrote the most minutes, most first, up to
	// TopShown of them.
	Top []Count
	// Never are the members who never wrote minutes, in the order of
	// Input.Members.
	Never []string
}

// Count is a member and how many times it did something.
type Count struct {
	Member string
	N      int
}

// TopShown caps the rapporteurs listed by name.
const TopShown = 10

// TopShare is the part of the minutes the most frequent rapporteur
// wrote, 0 to 1.
func (r Rotation) TopShare() float64 {
	if len(r.Top) == 0 {
		return 0
	}
	return share(r.Top[0].N, r.Minutes)
}

// RapporteurRotation counts who wrote the minutes.
func RapporteurRotation(in Input) Rotation {
	counts := map[string]int{}
	var out Rotation
	for _, m := range in.Meetings {
		if m.Rapporteur == "" {
			continue
		}
		out.Minutes++
		counts[m.Rapporteur]++
	}
	out.Rapporteurs = len(counts)
	for member, n := range counts {
		out.Top = append(out.Top, Count{member, n})
	}
	slices.SortFunc(out.Top, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Member, b.Member)) })
	out.Top = out.Top[:min(len(out.Top), TopShown)]
	for _, m := range in.Members {
		if counts[m.Slug] == 0 {
			out.Never = append(out.Never, m.Slug)
		}
	}
	return out
}

// Participation is how many members took part in meetings, period by period.
type Participation struct {
	Periods []PeriodParticipation
	Members int // the network's members now
}

// PeriodParticipation is one period's meetings and the distinct members
// who took part in at least one.
type PeriodParticipation struct {
	Period   Period
	Meetings int
	Members  int
}

// ParticipationOverTime counts meetings and distinct participants per
// quarter (or year).
func ParticipationOverTime(in Input) Participation {
	var dates []time.Time
	for _, m := range in.Meetings {
		dates = append(dates, m.Date)
	}
	all, of := periods(dates)
	out := Participation{Periods: make([]PeriodParticipation, len(all)), Members: len(in.Members)}
	seen := make([]map[string]bool, len(all))
	for i, p := range all {
		out.Periods[i].Period = p
		seen[i] = map[string]bool{}
	}
	for _, m := range in.Meetings {
		if m.Date.IsZero() {
			continue
		}
		i := position(all, of(m.Date))
		out.Periods[i].Meetings++
		for _, p := range m.Participants {
			seen[i][p] = true
		}
	}
	for i := range out.Periods {
		out.Periods[i].Members = len(seen[i])
	}
	return out
}

// Window is how far back "recently" reaches: the last twelve months.
func Window(today time.Time) (from time.Time) { return today.AddDate(-1, 0, 0) }

// recent reports whether d falls in the twelve months up to today.
func recent(d, today time.Time) bool {
	return !d.IsZero() && d.After(Window(today)) && !d.After(today)
}

// Isolated lists the members who took part in no meeting and no
// exchange in the last twelve months: an exchange counts when it is
// still proposed or agreed, or was held or agreed in that time and not
// dropped. Nil when Input.Today is zero.
func Isolated(in Input) []string {
	if in.Today.IsZero() {
		return nil
	}
	active := map[string]bool{}
	for _, m := range in.Meetings {
		if recent(m.Date, in.Today) {
			for _, p := range m.Participants {
				active[p] = true
			}
		}
	}
	for _, x := range in.Exchanges {
		if x.Status == "dropped" {
			continue
		}
		if x.Open() || recent(x.Held, in.Today) || recent(x.Agreed, in.Today) {
			for _, p := range x.Providers {
				active[p] = true
			}
			for _, r := range x.Recipients {
				active[r] = true
			}
		}
	}
	var out []string
	for _, m := range in.Members {
		if !active[m.Slug] {
			out = append(out, m.Slug)
		}
	}
	return out
}
