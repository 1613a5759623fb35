package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The calendar of a periodical trigger (development/jpush-api.md
// §4.3): the days it fires on and the instant it fires at on each. The
// emulator runs schedules by it; the provider predicts a schedule's first
// firing and finds the days daylight saving makes odd by it. One
// implementation keeps the plan saying what the emulator (standing in for
// JPush) will do.

// Period is a periodical trigger as a calendar: every Frequency units
// ("day", "week" or "month", any case) counted from Start, on the days
// Points names (week days MON..SUN in any case for "week", days of the
// month "01".."31" for "month", none for "day"), at the time of day Clock
// on the wall clock in Location, never after End. Start and End may be in
// any location; their dates are read in Location.
type Period struct {
	Start, End time.Time
	Clock      time.Duration // since midnight
	Unit       string
	Frequency  int // below 1 means 1
	Points     []string
	Location   *time.Location
}

// maxWalkDays bounds a walk over the days of a period. A JPush period spans
// at most a year, so the bound never binds for a valid one; it keeps a walk
// towards a far (invalid) End short.
const maxWalkDays = 400

// DayMatches reports whether the date of day (in Location) is a firing day:
// it lies a multiple of Frequency units after Start's (days counted from
// Start's date, weeks from the Monday that begins Start's week, months from
// Start's month, whatever the day of the month), and, for "week" and
// "month", its week day or day of the month is one of Points. A day that a
// month lacks (31 in April, 30 in February) is skipped that month, not
// moved to the month's last day. A unit other than day, week or month
// matches no day.
func (p Period) DayMatches(day time.Time) bool {
	d, start := day.In(p.Location), p.Start.In(p.Location)
	freq := max(p.Frequency, 1)
	switch strings.ToLower(p.Unit) {
	case "day":
		return (civilDays(d)-civilDays(start))%freq == 0
	case "week":
		weeks := (mondayDays(d) - mondayDays(start)) / 7
		return weeks%freq == 0 && slices.ContainsFunc(p.Points, func(pt string) bool {
			wd, ok := Weekdays[strings.ToUpper(pt)]
			return ok && wd == d.Weekday()
		})
	case "month":
		months := (d.Year()*12 + int(d.Month())) - (start.Year()*12 + int(start.Month()))
		return months%freq == 0 && slices.Contains(p.Points, fmt.Sprintf("%02d", d.Day()))
	}
	return false
}

// EachDay calls f with every firing day (DayMatches) from the date of the
// later of from and Start to the date of End, in order, until f returns
// false. Each day is given as noon in Location: midnight can fall in a
// daylight-saving gap (Havana and Santiago jump at midnight), where
// time.Date moves it back into the day before and a walk by midnights
// would never leave that day; noon is never in a gap.
func (p Period) EachDay(from time.Time, f func(day time.Time) bool) {
	if from.Before(p.Start) {
		from = p.Start
	}
	first, last := from.In(p.Location), civilDays(p.End.In(p.Location))
	for i := 0; i <= maxWalkDays; i++ {
		day := time.Date(first.Year(), first.Month(), first.Day()+i, 12, 0, 0, 0, p.Location)
		if civilDays(day) > last {
			return
		}
		if p.DayMatches(day) && !f(day) {
			return
		}
	}
}

// FirstAtOrAfter is the first firing at or after t (and at or after
// Start); ok is false when there is none up to End.
func (p Period) FirstAtOrAfter(t time.Time) (at time.Time, ok bool) {
	if t.Before(p.Start) {
		t = p.Start
	}
	p.EachDay(t, func(day time.Time) bool {
		slot := SlotOn(day, p.Clock, p.Location)
		if slot.Before(t) {
			return true
		}
		at, ok = slot, !slot.After(p.End)
		return false
	})
	if !ok {
		return time.Time{}, false
	}
	return at, true
}

// SlotOn is the instant of the time of day clock (since midnight) on the
// date of day in loc. A decision where JPush documents none (the emulator
// makes it, the provider predicts by it): a wall clock that daylight
// saving repeats is the earlier instant, and one that it skips is as far
// past the jump as it was past the last wall clock before it (02:30 in a
// gap from 02:00 to 03:00 is 03:30), so each day fires once.
func SlotOn(day time.Time, clock time.Duration, loc *time.Location) time.Time {
	y, m, d := day.In(loc).Date()
	naive := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(clock)
	if at := WallInstants(naive, loc); len(at) > 0 {
		return at[0]
	}
	// In a gap: read naive with the offset in force before the jump.
	_, before := TransitionNear(naive, loc).Add(-time.Second).Zone()
	return naive.Add(-time.Duration(before) * time.Second).In(loc)
}

// civilDays counts calendar days since 1970-01-01 to the date of t in its
// location; differences of it are whole days even across daylight-saving
// changes, which make some days 23 or 25 hours long.
func civilDays(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// mondayDays is civilDays of the Monday that begins t's week: JPush's
// weeks start on Monday (so a Sunday belongs to the week before it).
func mondayDays(t time.Time) int {
	return civilDays(t) - (int(t.Weekday())+6)%7
}
