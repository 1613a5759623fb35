package trigger

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// firstFiring is when a periodical trigger first fires, as JPush (by the
// emulator's decisions) fires it: the first slot of rules.Period at or
// after start, with periods counted from start. ok is false when nothing
// fires within 13 months of start, longer than any period JPush accepts.
func firstFiring(start time.Time, clock time.Duration, unit string, freq int, points []string, loc *time.Location) (time.Time, bool) {
	return calendar(start, start.AddDate(0, 13, 0), clock, unit, freq, points, loc).FirstAtOrAfter(start)
}

// eachFiringDay calls f with noon (never in a daylight-saving gap) of every
// firing day from start's date to until's (in loc), until f returns false.
func eachFiringDay(start, until time.Time, unit string, freq int, points []string, loc *time.Location, f func(day time.Time) bool) {
	calendar(start, until, 0, unit, freq, points, loc).EachDay(start, f)
}

// calendar is the rules.Period of a periodical trigger from start to end.
func calendar(start, end time.Time, clock time.Duration, unit string, freq int, points []string, loc *time.Location) rules.Period {
	return rules.Period{
		Start: start, End: end, Clock: clock, Unit: unit, Frequency: freq,
		Points: points, Location: loc,
	}
}

// LastFiring is the instant after which the trigger can never fire again:
// the single time, or the periodical end.
func (t *Model) LastFiring(loc *time.Location) (time.Time, bool) {
	switch t.kind() {
	case "single":
		if !framework.Known(t.Single.Time) {
			return time.Time{}, false
		}
		at, err := client.ParseTime(t.Single.Time.ValueString(), loc)
		return at, err == nil
	case "periodical":
		if !framework.Known(t.Periodical.End) {
			return time.Time{}, false
		}
		end, err := client.ParseTime(t.Periodical.End.ValueString(), loc)
		return end, err == nil
	}
	return time.Time{}, false
}

// HasEnded reports whether the trigger can never fire again by JPush's
// clock now: a single schedule that has fired, a periodical one past its
// end. JPush may stop returning such schedules.
func (t *Model) HasEnded(loc *time.Location, now time.Time) bool {
	last, ok := t.LastFiring(loc)
	return ok && !last.After(now)
}

// oneYearAfter is a year after t on the wall clock in loc, as JPush counts
// its one-year limits, whatever offset t was written with.
func oneYearAfter(t time.Time, loc *time.Location) time.Time {
	return t.In(loc).AddDate(1, 0, 0)
}

// periodicalFirst is the first firing of a periodical trigger at or after
// both its start and from. Periods (every frequency days, weeks or months)
// are counted from the trigger's start, as JPush counts them, whatever from
// is.
func (t *Model) periodicalFirst(ctx context.Context, loc *time.Location, from time.Time) (time.Time, bool) {
	p := t.Periodical
	if p == nil || !framework.Known(p.Start) {
		return time.Time{}, false
	}
	start, err := client.ParseTime(p.Start.ValueString(), loc)
	clock, unit, freq, points, ok := p.rule(ctx)
	if err != nil || !ok {
		return time.Time{}, false
	}
	return calendar(start, start.AddDate(0, 13, 0), clock, unit, freq, points, loc).FirstAtOrAfter(from)
}

// frequency is the periodical trigger's frequency, 1 when not known (as
// rules.Period reads any frequency below 1).
func (pm *PeriodicalModel) frequency() int {
	if framework.Known(pm.Frequency) && pm.Frequency.ValueInt64() > 0 {
		return int(pm.Frequency.ValueInt64())
	}
	return 1
}

// every says how often a periodical trigger's period recurs: "every week",
// "every 2 weeks".
func (t *Model) every() string {
	unit := strings.ToLower(t.Periodical.TimeUnit.ValueString())
	if n := t.Periodical.frequency(); n > 1 {
		return fmt.Sprintf("every %d %ss", n, unit)
	}
	return "every " + unit
}
