package client

import (
	"fmt"
	"time"
	_ "time/tzdata" // LoadLocation must work on machines without a zoneinfo database.

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// This file is the only place that converts between instants and JPush's
// offset-free wire strings.

// WireTimeLayout is JPush's wire format for single times and periodical
// start and end: a wall clock with no zone, "YYYY-MM-DD HH:MM:SS".
const WireTimeLayout = "2006-01-02 15:04:05"

// ClockLayout is the wire format of a periodical trigger's time of day.
const ClockLayout = "15:04:05"

// DefaultTimeZone is the zone JPush is assumed to read wire times in.
const DefaultTimeZone = "Asia/Shanghai"

// LoadLocation wraps time.LoadLocation; the embedded tzdata makes it work
// everywhere. The empty name means DefaultTimeZone (not UTC).
func LoadLocation(name string) (*time.Location, error) {
	if name == "" {
		name = DefaultTimeZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("jpush: unknown time zone %q: %w", name, err)
	}
	return loc, nil
}

// ParseTime accepts RFC 3339 with an offset (including "Z") or the strict
// wire format "YYYY-MM-DD HH:MM:SS", read as a wall clock in loc (nil loc
// means UTC; see ParseWireTime for wall clocks that DST makes odd). A
// fraction of a second is refused with a *FractionalSecondsError: JPush
// schedules whole seconds, so it would be lost on the wire.
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if isWireShape(s) {
		return ParseWireTime(s, loc)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("jpush: invalid time %q: want RFC 3339 with an offset (such as 2027-01-01T09:00:00+08:00) or YYYY-MM-DD HH:MM:SS", s)
	}
	if t.Nanosecond() != 0 {
		return time.Time{}, &FractionalSecondsError{Input: s, Whole: t.Truncate(time.Second).Format(time.RFC3339)}
	}
	return t, nil
}

// FractionalSecondsError is a time written with a fraction of a second.
type FractionalSecondsError struct {
	Input string // as written
	Whole string // the same time without the fraction, RFC 3339
}

func (e *FractionalSecondsError) Error() string {
	return fmt.Sprintf("jpush: time %q has a fraction of a second; JPush schedules whole seconds (write %s)", e.Input, e.Whole)
}

// ParseUnambiguousTime is ParseTime for a time about to be sent: it also
// refuses, with a *WallClockError, a time whose wall clock in loc does not
// name exactly one instant. A wall clock in a daylight-saving gap names
// none; one in the hour that repeats when clocks go back names two, and so
// does any instant in that hour written with an offset, since JPush only
// receives the wall clock.
func ParseUnambiguousTime(s string, loc *time.Location) (time.Time, error) {
	t, err := ParseTime(s, loc)
	if err != nil {
		return time.Time{}, err
	}
	if loc == nil {
		return t, nil
	}
	if err := wallClockError(t.In(loc), loc); err != nil {
		return time.Time{}, err
	}
	return t, nil
}

// ParseWireTime parses the strict wire format "YYYY-MM-DD HH:MM:SS" (zero
// padded, a real calendar date) as a wall clock in loc (nil means UTC). A
// wall clock in a daylight-saving gap does not exist and is refused with a
// *WallClockError, as JPush refuses it; one that happens twice (clocks going
// back) is read as the earlier instant, as JPush (by the emulator's
// decision) reads it.
func ParseWireTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	if !isWireShape(s) {
		return time.Time{}, fmt.Errorf("jpush: invalid wire time %q: want YYYY-MM-DD HH:MM:SS", s)
	}
	naive, err := time.Parse(WireTimeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("jpush: invalid wire time %q: not a calendar date and time of day", s)
	}
	at := rules.WallInstants(naive, loc)
	if len(at) == 0 {
		return time.Time{}, newWallClockError(naive, nil, loc)
	}
	return at[0], nil
}

// FormatWireTime formats the wall clock of t in loc (nil means UTC) as
// "YYYY-MM-DD HH:MM:SS".
func FormatWireTime(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format(WireTimeLayout)
}

// ParseClock parses a strict "HH:MM:SS" time of day (00:00:00..23:59:59)
// into the offset from midnight.
func ParseClock(s string) (time.Duration, error) {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' || !digits(s[0:2]) || !digits(s[3:5]) || !digits(s[6:8]) {
		return 0, fmt.Errorf("jpush: invalid time of day %q: want HH:MM:SS", s)
	}
	h, m, sec := atoi2(s[0:2]), atoi2(s[3:5]), atoi2(s[6:8])
	if h > 23 || m > 59 || sec > 59 {
		return 0, fmt.Errorf("jpush: invalid time of day %q: out of range", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, nil
}

// WallClockAt is the instant a periodical trigger's time of day clock
// names on the calendar day of day (its wall clock in loc), as
// rules.SlotOn reads it (the emulator's decision for JPush): in the hour
// that repeats when clocks go back, the earlier instant; in a gap skipped
// when clocks jump forward, the same time past the jump (02:30 in a gap
// from 02:00 to 03:00 is 03:30). In those two cases it also returns the
// *WallClockError that describes them.
func WallClockAt(day time.Time, clock time.Duration, loc *time.Location) (time.Time, *WallClockError) {
	y, m, d := day.In(loc).Date()
	naive := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(clock)
	instants := rules.WallInstants(naive, loc)
	if len(instants) == 1 {
		return instants[0], nil // what rules.SlotOn gives for a plain day
	}
	return rules.SlotOn(day, clock, loc), newWallClockError(naive, instants, loc)
}

// FormatClock formats an offset from midnight as "HH:MM:SS".
func FormatClock(d time.Duration) string {
	d %= 24 * time.Hour
	if d < 0 {
		d += 24 * time.Hour
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// WallClockError is a wall clock that does not name exactly one instant in
// a zone because of a daylight-saving (or other offset) transition.
type WallClockError struct {
	Wall string         // the wall clock, "YYYY-MM-DD HH:MM:SS"
	Zone *time.Location // the zone it is read in
	// Instants are the two instants of a wall clock that happens twice,
	// earlier first; empty for one in a gap, which never happens.
	Instants []time.Time
	// At is the transition; From and To are the wall clocks just before and
	// at it ("YYYY-MM-DD HH:MM:SS"): wall clocks from From up to To are
	// skipped (a gap), or those from To up to From happen twice.
	At       time.Time
	From, To string
}

// Gap reports whether the wall clock falls in a gap (names no instant).
func (e *WallClockError) Gap() bool { return len(e.Instants) == 0 }

func (e *WallClockError) Error() string {
	if e.Gap() {
		return fmt.Sprintf("jpush: wall clock %s does not exist in %s (clocks jump from %s to %s)", e.Wall, e.Zone, e.From, e.To)
	}
	return fmt.Sprintf("jpush: wall clock %s happens twice in %s (%s and %s)", e.Wall, e.Zone,
		e.Instants[0].Format(time.RFC3339), e.Instants[1].Format(time.RFC3339))
}

// wallClockError returns a *WallClockError when the wall clock of t (in
// loc) does not name t alone.
func wallClockError(t time.Time, loc *time.Location) error {
	y, m, d := t.Date()
	naive := time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	if at := rules.WallInstants(naive, loc); len(at) != 1 {
		return newWallClockError(naive, at, loc)
	}
	return nil
}

func newWallClockError(naive time.Time, instants []time.Time, loc *time.Location) *WallClockError {
	t := rules.TransitionNear(naive, loc)
	_, before := t.Add(-time.Second).Zone()
	return &WallClockError{
		Wall: naive.Format(WireTimeLayout), Zone: loc, Instants: instants, At: t,
		From: t.In(time.FixedZone("", before)).Format(WireTimeLayout), To: FormatWireTime(t, loc),
	}
}

// isWireShape reports whether s looks like "DDDD-DD-DD DD:DD:DD".
func isWireShape(s string) bool {
	if len(s) != len(WireTimeLayout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != ' ' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }
