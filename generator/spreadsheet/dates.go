package spreadsheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how to read a date whose day and month could be either
// way round, such as 03/04/2025.
type DateOrder string

const (
	DayFirst   DateOrder = "DD/MM/YYYY"
	MonthFirst DateOrder = "MM/DD/YYYY"
	YearFirst  DateOrder = "YYYY-MM-DD"
)

// DateOrders are the values --date-format takes.
var DateOrders = []DateOrder{DayFirst, MonthFirst, YearFirst}

// ParseDateOrder reads a --date-format value; separators do not matter
// ("DD.MM.YYYY" is DayFirst).
func ParseDateOrder(s string) (DateOrder, bool) {
	norm := strings.ToUpper(strings.NewReplacer(".", "/", "-", "/", " ", "/").Replace(strings.TrimSpace(s)))
	for _, o := range DateOrders {
		if norm == strings.ReplaceAll(string(o), "-", "/") {
			return o, true
		}
	}
	return "", false
}

var (
	// a date, then perhaps a time of day (a form's timestamp)
	numericDate = regexp.MustCompile(`^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?$`)
)

// dateProblem is why a cell is not a date, and the fix.
type dateProblem struct {
	message, allowed, hint string
}

const datesAllowed = "a date such as 2025-03-14 (year-month-day), or 14/03/2025 and 03/14/2025 with --date-format"

// parseDate reads the date forms spreadsheets write: ISO 2025-03-14 (also
// with / or .), and day and month in either order before the year, which
// order says, or the values themselves when only one reading is a date.
func parseDate(s string, order DateOrder) (time.Time, *dateProblem) {
	m := numericDate.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, &dateProblem{"not a date", datesAllowed, "write the date as year-month-day: 2025-03-14"}
	}
	a, b, c := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if len(m[1]) == 4 {
		return makeDate(a, b, c, s)
	}
	if len(m[3]) != 4 {
		return time.Time{}, &dateProblem{"the year is not written in full", datesAllowed, "write the year with four digits"}
	}
	switch order {
	case DayFirst:
		return makeDate(c, b, a, s)
	case MonthFirst:
		return makeDate(c, a, b, s)
	case YearFirst:
		return time.Time{}, &dateProblem{"the date is not in the form --date-format " + string(YearFirst) + " says", string(YearFirst), "write it as year-month-day, or run with another --date-format"}
	}
	switch {
	case a == b || b > 12 && a <= 12:
		return makeDate(c, a, b, s)
	case a > 12 && b <= 12:
		return makeDate(c, b, a, s)
	case a <= 12 && b <= 12:
		return time.Time{}, &dateProblem{
			fmt.Sprintf("the date could be %s (day first) or %s (month first)", isoOf(c, b, a), isoOf(c, a, b)),
			"--date-format " + string(DayFirst) + " or " + string(MonthFirst),
			"say how the file writes dates: run again with --date-format DD/MM/YYYY (day first) or --date-format MM/DD/YYYY (month first)"}
	}
	return makeDate(c, b, a, s) // neither reading is a date: let makeDate say so
}

func makeDate(y, m, d int, s string) (time.Time, *dateProblem) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || t.Year() != y || y == 0 {
		return time.Time{}, &dateProblem{"no such date", datesAllowed, "check the day and month of " + strconv.Quote(s)}
	}
	return t, nil
}

func isoOf(y, m, d int) string {
	t, p := makeDate(y, m, d, "")
	if p != nil {
		return "no date"
	}
	return t.Format(time.DateOnly)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
