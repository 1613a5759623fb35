package client

import (
	"fmt"
	"time"
	_ "time/tzdata" // LoadLocation must work on machines without a zoneinfo database.
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
// means UTC).
func ParseTime(s string, loc *time.Location) (time.Time, error) {
	if isWireShape(s) {
		return ParseWireTime(s, loc)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("jpush: invalid time %q: want RFC 3339 with an offset (2006-01-02T15:04:05+08:00) or %q", s, WireTimeLayout)
	}
	return t, nil
}

// ParseWireTime parses the strict wire format "YYYY-MM-DD HH:MM:SS" (zero
// padded, a real calendar date) as a wall clock in loc (nil means UTC).
func ParseWireTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	if !isWireShape(s) {
		return time.Time{}, fmt.Errorf("jpush: invalid wire time %q: want %q", s, WireTimeLayout)
	}
	t, err := time.ParseInLocation(WireTimeLayout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("jpush: invalid wire time %q: %w", s, err)
	}
	// Reject wall clocks that do not exist in loc (a DST gap): formatting
	// back must give the same string.
	if t.Format(WireTimeLayout) != s {
		return time.Time{}, fmt.Errorf("jpush: wire time %q does not exist in %s", s, loc)
	}
	return t, nil
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

// FormatClock formats an offset from midnight as "HH:MM:SS".
func FormatClock(d time.Duration) string {
	d %= 24 * time.Hour
	if d < 0 {
		d += 24 * time.Hour
	}
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
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
