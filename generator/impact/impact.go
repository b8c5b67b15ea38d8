// Package impact computes what a network's peer learning achieved, from
// its published content: needs met by exchanges, exchanges over time,
// capacity before and after, rapporteur rotation, participation, and the
// network map with the members nobody has heard from. Every function is
// pure: it reads an Input made of plain values (render makes it from
// the published entries, private fields already left out) and returns
// figures, each tested against a hand-computed fixture. Package chart
// draws them.
package impact

import (
	"time"
)

// Statuses are an exchange's states, in the order figures list them.
var Statuses = []string{"proposed", "agreed", "done", "dropped"}

// Input is the published content the figures are computed from.
type Input struct {
	Members     []Member
	Exchanges   []Exchange
	Assessments []Assessment
	Meetings    []Meeting
	// Today ends the last twelve months (see Isolated); the zero time
	// leaves that figure out.
	Today time.Time
}

// Member is a member of the network.
type Member struct {
	Slug, Title     string
	Region, Country string
	Needs           []string // topic slugs
}

// Exchange is one peer exchange.
type Exchange struct {
	Slug, Title string
	Topic       string // a topic slug
	Providers   []string
	Recipients  []string
	Status      string // one of Statuses
	Agreed      time.Time
	Held        time.Time
}

// Date is when the exchange happened, or else when it was agreed.
func (x Exchange) Date() time.Time {
	if !x.Held.IsZero() {
		return x.Held
	}
	return x.Agreed
}

// Open reports whether the exchange is still to happen.
func (x Exchange) Open() bool { return x.Status == "proposed" || x.Status == "agreed" }

// Assessment is one capacity assessment of a member.
type Assessment struct {
	Slug       string
	Member     string
	Instrument string
	Date       time.Time
	Scores     []Score
}

// Score is one area's score on its scale.
type Score struct {
	Area       string
	Score, Max float64
}

// Percent is the score as a share of its scale's maximum, 0 to 100.
func (s Score) Percent() float64 { return 100 * s.Score / s.Max }

// Meeting is one meeting's minutes.
type Meeting struct {
	Slug       string
	Date       time.Time
	Rapporteur string // a member slug, "" when unknown
	// Participants are the members who took part: rapporteur,
	// facilitators and attendees, each once.
	Participants []string
}

// Report is every figure of the impact page.
type Report struct {
	Needs         Needs
	Timeline      Timeline
	Capacity      []Instrument
	Rotation      Rotation
	Participation Participation
	Map           Map
	Isolated      []string // member slugs, in the order of Input.Members
}

// Compute makes every figure.
func Compute(in Input, opts MapOptions) Report {
	return Report{
		Needs:         NeedsMet(in),
		Timeline:      ExchangesOverTime(in),
		Capacity:      CapacityChange(in.Assessments),
		Rotation:      RapporteurRotation(in),
		Participation: ParticipationOverTime(in),
		Map:           NetworkMap(in, opts),
		Isolated:      Isolated(in),
	}
}
