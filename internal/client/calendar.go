package client

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// When a trigger, as a user writes it (times in any accepted format, read
// in a zone), pushes: the rules JPush applies to it that need no clock, in
// the words of the provider's plan-time errors, and the instants it pushes
// at by the one calendar in internal/rules (rules.Period, rules.SlotOn), the
// one the emulator fires by. Framework-free, so that Terraform functions
// (internal/provider/functions) and the provider's plan can share it.

// TriggerProblem is a rule a trigger breaks.
type TriggerProblem struct {
	Path    string // the attribute at fault as the user writes it: trigger.periodical.end
	Summary string // the plan diagnostic's summary
	Detail  string // what is wrong and what to do; starts with Path
}

func (p *TriggerProblem) Error() string { return p.Detail }

func triggerProblem(path, summary, detail string) *TriggerProblem {
	return &TriggerProblem{Path: path, Summary: summary, Detail: path + ": " + detail}
}

// TimeFormatProblem says why s is not a time a trigger accepts (RFC 3339
// with an offset, or YYYY-MM-DD HH:MM:SS, in whole seconds), or "" when it
// is one. The instant itself (daylight saving) is WallClockProblem's.
func TimeFormatProblem(s string) string {
	_, err := ParseTime(s, time.UTC)
	var frac *FractionalSecondsError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &frac):
		return fmt.Sprintf("%q has a fraction of a second. JPush schedules whole seconds: it would be sent "+
			"without the fraction and every later plan would show a change. Write %s.", s, frac.Whole)
	}
	return fmt.Sprintf("%q is not a valid time: write RFC 3339 with an offset (2027-01-01T09:00:00+08:00) or "+
		"YYYY-MM-DD HH:MM:SS (2027-01-01 09:00:00, read in the provider's time_zone), in whole seconds.", s)
}

// ClockFormatProblem says why s is not a time of day HH:MM:SS, or "".
func ClockFormatProblem(s string) string {
	if _, err := ParseClock(s); err != nil {
		return fmt.Sprintf("%q is not a time of day: write HH:MM:SS, 24-hour and zero-padded, e.g. 08:30:00.", s)
	}
	return ""
}

// WallClockProblem says why the time written cannot be sent to JPush (its
// wall clock in e.Zone is skipped or repeated) and what to write instead.
func WallClockProblem(written string, e *WallClockError) (summary, detail string) {
	zone, day := e.Zone.String(), e.Wall[:10]
	from, to := e.From[11:], e.To[11:]
	if e.Gap() {
		return "Time does not exist in " + zone, fmt.Sprintf(
			"%q does not exist in %s: on %s clocks jump from %s to %s (at %s), so JPush, which reads it as a wall "+
				"clock in %s (the provider's time_zone), would reject it. Write a time before %s or from %s.",
			written, zone, day, from, to, e.At.UTC().Format(time.RFC3339), zone, e.From, e.To)
	}
	a, b := e.Instants[0].In(e.Zone).Format(time.RFC3339), e.Instants[1].In(e.Zone).Format(time.RFC3339)
	return "Ambiguous time in " + zone, fmt.Sprintf(
		"%q is sent to JPush as the wall clock %s in %s (the provider's time_zone), which happens twice there: "+
			"on %s clocks go back from %s to %s, so it is both %s and %s. JPush receives only the wall clock and "+
			"cannot tell which you mean (it would take the earlier), and no offset can choose. "+
			"Write a time before %s or from %s.",
		written, e.Wall, zone, day, from, to, a, b, e.To, e.From)
}

// sentTime parses a trigger time about to be sent: its format, then its
// wall clock in loc (exactly one instant).
func sentTime(path, s string, loc *time.Location) (time.Time, *TriggerProblem) {
	if p := TimeFormatProblem(s); p != "" {
		return time.Time{}, triggerProblem(path, "Invalid time", p)
	}
	at, err := ParseUnambiguousTime(s, loc)
	var wce *WallClockError
	if errors.As(err, &wce) {
		summary, detail := WallClockProblem(s, wce)
		return time.Time{}, triggerProblem(path, summary, detail)
	}
	if err != nil {
		return time.Time{}, triggerProblem(path, "Invalid time", err.Error())
	}
	return at, nil
}

// Calendar is when a trigger pushes.
type Calendar struct {
	single time.Time     // a single trigger's time
	period *rules.Period // a periodical trigger's calendar
}

// TriggerCalendar checks a trigger as written (exactly one of Single and
// Periodical; times RFC 3339 or wall clocks in loc) against JPush's rules
// that need no clock, in the words of the provider's plan-time errors, and
// returns when it pushes. Rules that need JPush's clock (a new single time
// in the future, an end not yet past) are the caller's.
func TriggerCalendar(t Trigger, loc *time.Location) (*Calendar, *TriggerProblem) {
	switch {
	case t.Single != nil && t.Periodical != nil:
		return nil, triggerProblem("trigger", "Invalid trigger",
			"set exactly one of single and periodical, not both: a schedule fires once or repeatedly.")
	case t.Single != nil:
		at, p := sentTime("trigger.single.time", t.Single.Time, loc)
		if p != nil {
			return nil, p
		}
		return &Calendar{single: at}, nil
	case t.Periodical != nil:
		return periodicalCalendar(*t.Periodical, loc)
	}
	return nil, triggerProblem("trigger", "Invalid trigger", "set one of single (fire once) and periodical (fire repeatedly).")
}

const periodicalPath = "trigger.periodical"

// periodicalCalendar checks a periodical trigger: each value, then start
// and end together, then that it fires at all.
func periodicalCalendar(w PeriodicalTrigger, loc *time.Location) (*Calendar, *TriggerProblem) {
	start, p := sentTime(periodicalPath+".start", w.Start, loc)
	if p != nil {
		return nil, p
	}
	end, p := sentTime(periodicalPath+".end", w.End, loc)
	if p != nil {
		return nil, p
	}
	if d := ClockFormatProblem(w.Time); d != "" {
		return nil, triggerProblem(periodicalPath+".time", "Invalid time of day", d)
	}
	clock, _ := ParseClock(w.Time)
	if p := periodicalRuleProblem(w); p != nil {
		return nil, p
	}
	if p := spanProblem(start, end, loc); p != nil {
		return nil, p
	}
	cal := rules.Period{
		Start: start, End: end, Clock: clock, Unit: strings.ToLower(w.TimeUnit), Frequency: w.Frequency,
		Points: w.Point, Location: loc,
	}
	if p := neverFiresProblem(cal, w.Time, loc); p != nil {
		return nil, p
	}
	return &Calendar{period: &cal}, nil
}

// TimeUnitProblem says what is wrong with a periodical trigger's
// time_unit, in the words of the plan's error; "" when it is day, week or
// month (any case).
func TimeUnitProblem(unit string) string {
	switch strings.ToLower(unit) {
	case "day", "week", "month":
		return ""
	}
	return fmt.Sprintf("%q is not a period unit: use day, week or month (any case).", unit)
}

// periodicalRuleProblem applies the rules of time_unit, frequency
// (rules.Frequency) and point (rules.Points).
func periodicalRuleProblem(w PeriodicalTrigger) *TriggerProblem {
	if msg := TimeUnitProblem(w.TimeUnit); msg != "" {
		return triggerProblem(periodicalPath+".time_unit", "Invalid time unit", msg)
	}
	if err := rules.Frequency(int64(w.Frequency)); err != nil {
		return triggerProblem(periodicalPath+".frequency", "Invalid frequency",
			err.Error()+".")
	}
	if i, err := rules.Points(w.TimeUnit, w.Point); err != nil {
		at := periodicalPath + ".point"
		if i >= 0 {
			at = fmt.Sprintf("%s[%d]", at, i)
		}
		return triggerProblem(at, "Invalid point", err.Error()+".")
	}
	return nil
}

// spanProblem: end after start, at most one year after it on the wall
// clock in loc.
func spanProblem(start, end time.Time, loc *time.Location) *TriggerProblem {
	endPath := periodicalPath + ".end"
	wStart, wEnd := FormatWireTime(start, loc), FormatWireTime(end, loc)
	if !end.After(start) {
		return triggerProblem(endPath, "Periodical end is not after start",
			fmt.Sprintf("end %s must be after trigger.periodical.start %s (wall clock in %s).", wEnd, wStart, loc))
	}
	if end.After(start.In(loc).AddDate(1, 0, 0)) {
		return triggerProblem(endPath, "Periodical span is longer than one year",
			fmt.Sprintf("end %s is more than one year after trigger.periodical.start %s (wall clock in %s); "+
				"JPush allows a span of at most one year, counted on the wall clock in %s.", wEnd, wStart, loc, loc))
	}
	return nil
}

// neverFiresProblem: JPush rejects a periodical trigger whose first push
// (looked for up to 13 months after start, longer than any period) is
// after end.
func neverFiresProblem(cal rules.Period, clock string, loc *time.Location) *TriggerProblem {
	longer := cal
	longer.End = cal.Start.AddDate(0, 13, 0)
	first, found := longer.FirstAtOrAfter(cal.Start)
	if found && !first.After(cal.End) {
		return nil
	}
	msg := "never fires between start and end"
	if found {
		msg = "would first fire at " + FormatWireTime(first, loc) + ", after end " + FormatWireTime(cal.End, loc)
	}
	return triggerProblem(periodicalPath+".end", "Periodical schedule never fires",
		fmt.Sprintf("the schedule %s (%s in %s); JPush rejects it. Move end later or start, time or point earlier.",
			msg, clock, loc))
}

// After returns the trigger's first n pushes strictly after t, earliest
// first; fewer when it ends before. A periodical trigger's are found as the
// emulator fires them: each the first slot at or after the one before.
func (c *Calendar) After(t time.Time, n int) []time.Time {
	var out []time.Time
	if c.period == nil {
		if n > 0 && c.single.After(t) {
			out = append(out, c.single)
		}
		return out
	}
	from := t.Add(time.Nanosecond)
	for len(out) < n {
		at, ok := c.period.FirstAtOrAfter(from)
		if !ok {
			break
		}
		out = append(out, at)
		from = at.Add(time.Nanosecond)
	}
	return out
}

// TimeZoneProblem says why name is not a zone the provider accepts as its
// time_zone (an IANA name; not "" nor Local, which depend on the machine),
// or "".
func TimeZoneProblem(name string) string {
	if name == "" || strings.EqualFold(name, "local") {
		return fmt.Sprintf("%q is not allowed: name an IANA zone such as Asia/Shanghai or UTC.", name)
	}
	if _, err := LoadLocation(name); err != nil {
		return fmt.Sprintf("%q is not an IANA time zone name (such as Asia/Shanghai): %s.", name, err)
	}
	return ""
}
