package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// firstFiring is when a periodical trigger first fires, computed like JPush:
// the first `clock` time of day at or after start on a day that matches the
// unit's points (every day for "day") and falls in a period counted from
// start (every frequency days, weeks or months; weeks start on Monday). A
// time of day that a daylight-saving change skips or repeats on a day is
// read as client.WallClockAt reads it. ok is false when nothing matches
// within 13 months.
func firstFiring(start time.Time, clock time.Duration, unit string, freq int, points []string, loc *time.Location) (time.Time, bool) {
	at, ok := time.Time{}, false
	eachFiringDay(start, start.AddDate(0, 13, 0), unit, freq, points, loc, func(d time.Time) bool {
		cand, _ := client.WallClockAt(d, clock, loc)
		if cand.Before(start) {
			return true
		}
		at, ok = cand, true
		return false
	})
	return at, ok
}

// eachFiringDay calls f with noon (never in a daylight-saving gap) of every
// day from start's to until's (in loc) that matches the unit, frequency and
// points, until f returns false.
func eachFiringDay(start, until time.Time, unit string, freq int, points []string, loc *time.Location, f func(day time.Time) bool) {
	s := start.In(loc)
	if freq < 1 {
		freq = 1
	}
	unit = strings.ToLower(unit)
	last := civilDays(until.In(loc))
	for i := 0; i <= 400; i++ {
		d := time.Date(s.Year(), s.Month(), s.Day()+i, 12, 0, 0, 0, loc)
		if civilDays(d) > last {
			return
		}
		if dayMatches(d, s, unit, freq, points) && !f(d) {
			return
		}
	}
}

func civilDays(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func mondayDays(t time.Time) int {
	return civilDays(t) - (int(t.Weekday())+6)%7
}

func dayMatches(d, start time.Time, unit string, freq int, points []string) bool {
	switch unit {
	case "week":
		if ((mondayDays(d)-mondayDays(start))/7)%freq != 0 {
			return false
		}
		for _, p := range points {
			if wd, ok := weekdayOf[strings.ToUpper(p)]; ok && wd == d.Weekday() {
				return true
			}
		}
		return false
	case "month":
		months := (d.Year()*12 + int(d.Month())) - (start.Year()*12 + int(start.Month()))
		if months%freq != 0 {
			return false
		}
		want := fmt.Sprintf("%02d", d.Day())
		for _, p := range points {
			if p == want {
				return true
			}
		}
		return false
	}
	return (civilDays(d)-civilDays(start))%freq == 0
}

// lastFiring is the instant after which the trigger can never fire again:
// the single time, or the periodical end.
func (t *triggerModel) lastFiring(loc *time.Location) (time.Time, bool) {
	switch t.kind() {
	case "single":
		if !known(t.Single.Time) {
			return time.Time{}, false
		}
		at, err := client.ParseTime(t.Single.Time.ValueString(), loc)
		return at, err == nil
	case "periodical":
		if !known(t.Periodical.End) {
			return time.Time{}, false
		}
		end, err := client.ParseTime(t.Periodical.End.ValueString(), loc)
		return end, err == nil
	}
	return time.Time{}, false
}

// hasEnded reports whether the trigger can never fire again by JPush's
// clock now: a single schedule that has fired, a periodical one past its
// end. JPush may stop returning such schedules.
func (t *triggerModel) hasEnded(loc *time.Location, now time.Time) bool {
	last, ok := t.lastFiring(loc)
	return ok && !last.After(now)
}

// oneYearAfter is a year after t on the wall clock in loc, as JPush counts
// its one-year limits, whatever offset t was written with.
func oneYearAfter(t time.Time, loc *time.Location) time.Time {
	return t.In(loc).AddDate(1, 0, 0)
}

// periodicalFirst is the first firing of a periodical trigger at or after
// both its start and from.
func (t *triggerModel) periodicalFirst(ctx context.Context, loc *time.Location, from time.Time) (time.Time, bool) {
	p := t.Periodical
	if p == nil || !known(p.Start) || !known(p.Time) || !known(p.TimeUnit) {
		return time.Time{}, false
	}
	start, err := client.ParseTime(p.Start.ValueString(), loc)
	if err != nil {
		return time.Time{}, false
	}
	clock, err := client.ParseClock(p.Time.ValueString())
	points, ok := listStrings(ctx, p.Point)
	if err != nil || !ok {
		return time.Time{}, false
	}
	if from.After(start) {
		start = from
	}
	freq := 1
	if known(p.Frequency) {
		freq = int(p.Frequency.ValueInt64())
	}
	return firstFiring(start, clock, p.TimeUnit.ValueString(), freq, points, loc)
}
