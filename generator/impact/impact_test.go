package impact

import (
	"reflect"
	"testing"
	"time"
)

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a network small enough to compute every figure by hand
// (the comments of each test show the sums).
func fixture() Input {
	return Input{
		Members: []Member{
			{Slug: "a", Title: "Alpha", Region: "Sonora", Country: "MX", Needs: []string{"t1", "t2"}},
			{Slug: "b", Title: "Beta", Region: "Sonora", Country: "MX", Needs: []string{"t1", "t1"}},
			{Slug: "c", Title: "Gamma", Region: "Dornod", Country: "MN", Needs: []string{"t3", "t1"}},
			{Slug: "d", Title: "Delta", Region: "Kampot", Country: "KH"},
		},
		Exchanges: []Exchange{
			{Slug: "x1", Topic: "t1", Providers: []string{"c"}, Recipients: []string{"a", "b"}, Status: "done", Agreed: day("2025-01-10"), Held: day("2025-02-20")},
			{Slug: "x2", Topic: "t2", Providers: []string{"b"}, Recipients: []string{"a"}, Status: "agreed", Agreed: day("2025-05-01")},
			{Slug: "x3", Topic: "t3", Providers: []string{"a"}, Recipients: []string{"c"}, Status: "dropped", Agreed: day("2025-04-02")},
			{Slug: "x4", Topic: "t1", Providers: []string{"a"}, Recipients: []string{"c"}, Status: "proposed"},
			{Slug: "x5", Topic: "t3", Providers: []string{"b"}, Recipients: []string{"c"}, Status: "done", Agreed: day("2025-07-01"), Held: day("2025-08-15")},
		},
		Assessments: []Assessment{
			{Slug: "a24", Member: "a", Instrument: "OCA", Date: day("2024-01-01"), Scores: []Score{{"Gov", 2, 5}, {"Fin", 1, 5}}},
			{Slug: "a26", Member: "a", Instrument: "OCA", Date: day("2026-01-01"), Scores: []Score{{"Gov", 5, 5}}},
			{Slug: "a25", Member: "a", Instrument: "OCA", Date: day("2025-01-01"), Scores: []Score{{"Gov", 4, 5}, {"Fin", 1, 5}}},
			{Slug: "b24", Member: "b", Instrument: "OCA", Date: day("2024-06-01"), Scores: []Score{{"Gov", 3, 5}, {"Fin", 2, 5}}},
			{Slug: "b25", Member: "b", Instrument: "OCA", Date: day("2025-06-01"), Scores: []Score{{"Gov", 3, 5}, {"Fin", 4, 5}}},
			{Slug: "c25", Member: "c", Instrument: "OCA", Date: day("2025-03-01"), Scores: []Score{{"Gov", 1, 5}}},
			{Slug: "d24a", Member: "d", Instrument: "OCA", Date: day("2024-02-01"), Scores: []Score{{"Gov", 1, 4}}},
			{Slug: "d24b", Member: "d", Instrument: "OCA", Date: day("2024-09-01"), Scores: []Score{{"Gov", 3, 4}}},
			{Slug: "al24", Member: "a", Instrument: "LEAD", Date: day("2024-03-01"), Scores: []Score{{"Digital", 26, 100}}},
			{Slug: "al25", Member: "a", Instrument: "LEAD", Date: day("2025-03-01"), Scores: []Score{{"Digital", 89, 100}}},
		},
		Meetings: []Meeting{
			{Slug: "m1", Date: day("2025-01-15"), Rapporteur: "a", Participants: []string{"a", "b", "c"}},
			{Slug: "m2", Date: day("2025-03-10"), Rapporteur: "a", Participants: []string{"a", "b"}},
			{Slug: "m3", Date: day("2025-06-01"), Rapporteur: "b", Participants: []string{"a", "b", "c", "d"}},
			{Slug: "m4", Date: day("2025-12-01"), Participants: []string{"c"}},
		},
		Today: day("2026-06-30"),
	}
}

func TestNeedsMet(t *testing.T) {
	// Stated: a t1 t2, b t1 (twice: once), c t3 t1 = 5. Met by a done
	// exchange to the member on the topic: a t1 (x1), b t1 (x1), c t3
	// (x5) = 3; a t2 is only agreed (x2), c t1 only proposed (x4).
	got := NeedsMet(fixture())
	want := Needs{Stated: 5, Met: 3, ByTopic: []TopicNeeds{{"t1", 3, 2}, {"t3", 1, 1}, {"t2", 1, 0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got.Share() != 0.6 {
		t.Errorf("share %v, want 0.6", got.Share())
	}
	if empty := NeedsMet(Input{}); empty.Stated != 0 || empty.Share() != 0 || empty.ByTopic != nil {
		t.Errorf("no members: %+v", empty)
	}
	if done := DoneTopics(fixture().Exchanges); !reflect.DeepEqual(done, map[string]bool{"t1": true, "t3": true}) {
		t.Errorf("done topics %v", done)
	}
}

func TestExchangesOverTime(t *testing.T) {
	// x1 held 2025-02-20 (Q1, done), x2 agreed 2025-05-01 (Q2, agreed),
	// x3 agreed 2025-04-02 (Q2, dropped), x5 held 2025-08-15 (Q3, done);
	// x4 has no date (proposed).
	got := ExchangesOverTime(fixture())
	want := Timeline{Periods: []PeriodCounts{
		{Period{2025, 1}, [4]int{0, 0, 1, 0}},
		{Period{2025, 2}, [4]int{0, 1, 0, 1}},
		{Period{2025, 3}, [4]int{0, 0, 1, 0}},
	}, Undated: [4]int{1, 0, 0, 0}, Total: 5}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got.ByStatus() != [4]int{1, 1, 2, 1} {
		t.Errorf("by status %v", got.ByStatus())
	}
	if empty := ExchangesOverTime(Input{}); empty.Periods != nil && len(empty.Periods) != 0 || empty.Total != 0 {
		t.Errorf("no exchanges: %+v", empty)
	}
}

func TestPeriods(t *testing.T) {
	for _, tt := range []struct {
		dates []string
		want  []string
	}{
		{nil, nil},
		{[]string{"2025-05-05"}, []string{"2025 Q2"}},
		{[]string{"2024-12-31", "", "2025-01-01"}, []string{"2024 Q4", "2025 Q1"}},
		// 2018 Q1 to 2021 Q4 is 16 quarters: shown one by one.
		{[]string{"2018-01-01", "2021-12-31"}, []string{"2018 Q1", "2018 Q2", "2018 Q3", "2018 Q4", "2019 Q1", "2019 Q2", "2019 Q3", "2019 Q4",
			"2020 Q1", "2020 Q2", "2020 Q3", "2020 Q4", "2021 Q1", "2021 Q2", "2021 Q3", "2021 Q4"}},
		// One more quarter: by year.
		{[]string{"2022-01-01", "2018-01-01"}, []string{"2018", "2019", "2020", "2021", "2022"}},
	} {
		var dates []time.Time
		for _, d := range tt.dates {
			dates = append(dates, day(d))
		}
		all, _ := periods(dates)
		var got []string
		for _, p := range all {
			got = append(got, p.Label())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("periods(%v) = %v, want %v", tt.dates, got, tt.want)
		}
	}
}

func TestCapacityChange(t *testing.T) {
	// OCA Gov, as a share of the scale: a 40 -> 100 (three assessments,
	// first and latest), b 60 -> 60, d 25 -> 75 (on a scale of 4); c
	// once (baseline only). First [25 40 60]: median 40, mean 41.67,
	// quartiles 25+0.5*15 = 32.5 and 40+0.5*20 = 50. Latest [60 75 100]:
	// median 75, mean 78.33, quartiles 67.5 and 87.5.
	// OCA Fin: a 20 -> 20, b 40 -> 80. First [20 40]: median 30,
	// quartiles 25 and 35. Latest [20 80]: median 50, quartiles 35, 65.
	// LEAD Digital: a 26 -> 89.
	got := CapacityChange(fixture().Assessments)
	one := func(x float64) Summary { return Summary{x, x, x, x, x, x} }
	want := []Instrument{
		{Name: "LEAD", Areas: []AreaChange{{Area: "Digital", Members: 1, First: one(26), Latest: one(89), Improved: 1}}},
		{Name: "OCA", Areas: []AreaChange{
			{Area: "Gov", Members: 3, BaselineOnly: 1, First: Summary{125.0 / 3, 40, 32.5, 50, 25, 60},
				Latest: Summary{235.0 / 3, 75, 67.5, 87.5, 60, 100}, Improved: 2, Same: 1},
			{Area: "Fin", Members: 2, First: Summary{30, 30, 25, 35, 20, 40}, Latest: Summary{50, 50, 35, 65, 20, 80}, Improved: 1, Same: 1},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if !got[1].Compared() {
		t.Error("OCA compares members")
	}
	// A member assessed once: an area with no comparison, not a chart of one point.
	once := CapacityChange([]Assessment{{Slug: "c", Member: "c", Instrument: "OCA", Date: day("2025-01-01"), Scores: []Score{{"Gov", 1, 5}}}})
	if len(once) != 1 || once[0].Compared() || once[0].Areas[0].BaselineOnly != 1 {
		t.Errorf("one assessment: %+v", once)
	}
	if none := CapacityChange(nil); none != nil {
		t.Errorf("no assessments: %+v", none)
	}
}

func TestMemberProgress(t *testing.T) {
	got := MemberProgress("a", fixture().Assessments)
	r := func(slug, date string, s Score) Reading { return Reading{slug, s, day(date)} }
	want := []Progress{
		{"LEAD", "Digital", r("al24", "2024-03-01", Score{"Digital", 26, 100}), r("al25", "2025-03-01", Score{"Digital", 89, 100}), 2},
		{"OCA", "Gov", r("a24", "2024-01-01", Score{"Gov", 2, 5}), r("a26", "2026-01-01", Score{"Gov", 5, 5}), 3},
		{"OCA", "Fin", r("a24", "2024-01-01", Score{"Fin", 1, 5}), r("a25", "2025-01-01", Score{"Fin", 1, 5}), 2},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if none := MemberProgress("b", nil); none != nil {
		t.Errorf("not assessed: %+v", none)
	}
}

func TestRapporteurRotation(t *testing.T) {
	// a wrote m1 and m2, b m3; m4 names no rapporteur: 3 minutes, 2
	// rapporteurs, the most frequent wrote 2 of 3; c and d never did.
	got := RapporteurRotation(fixture())
	want := Rotation{Minutes: 3, Rapporteurs: 2, Top: []Count{{"a", 2}, {"b", 1}}, Never: []string{"c", "d"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got.TopShare() != 2.0/3 {
		t.Errorf("top share %v", got.TopShare())
	}
	one := RapporteurRotation(Input{Members: []Member{{Slug: "solo"}}, Meetings: []Meeting{{Rapporteur: "solo"}}})
	if one.TopShare() != 1 || one.Never != nil || one.Rapporteurs != 1 {
		t.Errorf("one member: %+v", one)
	}
	if none := RapporteurRotation(Input{Members: fixture().Members}); none.TopShare() != 0 || len(none.Never) != 4 {
		t.Errorf("no minutes: %+v", none)
	}
}

func TestParticipationOverTime(t *testing.T) {
	// Q1: m1 and m2, a b c; Q2: m3, a b c d; Q3 none; Q4: m4, c.
	got := ParticipationOverTime(fixture())
	want := Participation{Members: 4, Periods: []PeriodParticipation{
		{Period{2025, 1}, 2, 3}, {Period{2025, 2}, 1, 4}, {Period{2025, 3}, 0, 0}, {Period{2025, 4}, 1, 1},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestIsolated(t *testing.T) {
	// Twelve months up to 2026-06-30: m4 (c); x2 agreed and x4 proposed
	// are open (a, b, c); x5 held 2025-08-15 (b, c). d did nothing.
	in := fixture()
	if got := Isolated(in); !reflect.DeepEqual(got, []string{"d"}) {
		t.Errorf("got %v, want [d]", got)
	}
	// A year later only the open exchanges count: x2 (a, b), x4 (a, c).
	in.Today = day("2027-06-30")
	if got := Isolated(in); !reflect.DeepEqual(got, []string{"d"}) {
		t.Errorf("2027: got %v, want [d]", got)
	}
	// Without them, everyone.
	in.Exchanges = nil
	if got := Isolated(in); !reflect.DeepEqual(got, []string{"a", "b", "c", "d"}) {
		t.Errorf("2027 without exchanges: got %v", got)
	}
	// A dropped exchange agreed this year is no contact.
	in.Exchanges = []Exchange{{Providers: []string{"a"}, Recipients: []string{"d"}, Status: "dropped", Agreed: day("2027-01-01")}}
	if got := Isolated(in); len(got) != 4 {
		t.Errorf("dropped: got %v", got)
	}
	// On the day a year after a meeting, the meeting is out of the window.
	in = Input{Members: []Member{{Slug: "a"}}, Meetings: []Meeting{{Date: day("2025-06-30"), Participants: []string{"a"}}}, Today: day("2026-06-30")}
	if got := Isolated(in); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("a year to the day: got %v", got)
	}
	in.Today = day("2026-06-29")
	if got := Isolated(in); got != nil {
		t.Errorf("a day less than a year: got %v", got)
	}
	if got := Isolated(Input{Members: []Member{{Slug: "a"}}}); got != nil {
		t.Errorf("without a date: got %v", got)
	}
}
