package rules

import (
	"strings"
	"testing"
	"time"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// wall parses "YYYY-MM-DD HH:MM" as a wall clock in loc (the earlier
// instant if it repeats).
func wall(t *testing.T, s string, loc *time.Location) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// firings lists up to n successive slots of p from its start, as the
// emulator runs them (each the first at or after a second past the last),
// written "YYYY-MM-DD HH:MM-07:00" in p.Location.
func firings(p Period, n int) string {
	var out []string
	for at, ok := p.FirstAtOrAfter(p.Start); ok && len(out) < n; at, ok = p.FirstAtOrAfter(at.Add(time.Second)) {
		out = append(out, at.In(p.Location).Format("2006-01-02 15:04-07:00"))
	}
	return strings.Join(out, ", ")
}

func TestPeriodFirings(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	p := func(start, end, unit string, freq int, points ...string) Period {
		return Period{
			Start: wall(t, start, sh), End: wall(t, end, sh), Clock: 8 * time.Hour,
			Unit: unit, Frequency: freq, Points: points, Location: sh,
		}
	}
	for name, c := range map[string]struct {
		p    Period
		want string
	}{
		"daily, a slot at start counts": {
			p("2027-01-01 08:00", "2027-01-03 08:00", "day", 1),
			"2027-01-01 08:00+08:00, 2027-01-02 08:00+08:00, 2027-01-03 08:00+08:00",
		},
		"every third day, counted from start's date": {
			p("2027-01-01 09:00", "2027-02-01 00:00", "day", 3),
			"2027-01-04 08:00+08:00, 2027-01-07 08:00+08:00, 2027-01-10 08:00+08:00, 2027-01-13 08:00+08:00",
		},
		"weekly, unit in upper case, points in any case": {
			p("2027-01-01 00:00", "2027-02-01 00:00", "WEEK", 1, "mon", "Fri"),
			"2027-01-01 08:00+08:00, 2027-01-04 08:00+08:00, 2027-01-08 08:00+08:00, 2027-01-11 08:00+08:00",
		},
		// 2026-12-31 is a Thursday; its week began on Monday 2026-12-28, so
		// Sunday 2027-01-03 is in week 0 and fires, Monday 2027-01-04 starts
		// week 1, skipped.
		"every other week, weeks start on Monday across the new year": {
			p("2026-12-31 00:00", "2027-03-01 00:00", "week", 2, "MON", "SUN"),
			"2027-01-03 08:00+08:00, 2027-01-11 08:00+08:00, 2027-01-17 08:00+08:00, 2027-01-25 08:00+08:00",
		},
		"monthly on the 31st skips the months without one": {
			p("2027-01-15 00:00", "2027-12-01 00:00", "month", 1, "31"),
			"2027-01-31 08:00+08:00, 2027-03-31 08:00+08:00, 2027-05-31 08:00+08:00, 2027-07-31 08:00+08:00",
		},
		"monthly on the 29th skips February out of a leap year": {
			p("2027-02-01 00:00", "2027-03-30 00:00", "month", 1, "29"),
			"2027-03-29 08:00+08:00",
		},
		"monthly on the 29th in a leap year": {
			p("2028-01-30 00:00", "2028-03-01 00:00", "month", 1, "29"),
			"2028-02-29 08:00+08:00",
		},
		// Months count from start's month, not from its day: start on
		// 31 January, every other month, is January, March, May.
		"every other month, counted from start's month": {
			p("2027-01-31 00:00", "2027-12-01 00:00", "month", 2, "01", "15"),
			"2027-03-01 08:00+08:00, 2027-03-15 08:00+08:00, 2027-05-01 08:00+08:00, 2027-05-15 08:00+08:00",
		},
		"end before the first slot: none": {p("2027-01-01 09:00", "2027-01-02 07:59", "day", 1), ""},
		"end at a slot includes it":       {p("2027-01-01 09:00", "2027-01-03 08:00", "day", 1), "2027-01-02 08:00+08:00, 2027-01-03 08:00+08:00"},
		"frequency below 1 is 1":          {p("2027-01-01 00:00", "2027-01-02 08:00", "day", 0), "2027-01-01 08:00+08:00, 2027-01-02 08:00+08:00"},
		"an unknown unit never fires":     {p("2027-01-01 00:00", "2027-02-01 00:00", "hour", 1), ""},
	} {
		if got := firings(c.p, 4); got != c.want {
			t.Errorf("%s:\n got  %s\n want %s", name, got, c.want)
		}
	}
}

// A time of day that daylight saving skips fires as far past the jump as
// it was past the last wall clock before it; one that it repeats fires
// once, at the earlier instant. Every day fires exactly once.
func TestPeriodDaylightSaving(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	daily := func(start, end string, clock time.Duration) Period {
		return Period{Start: wall(t, start, ny), End: wall(t, end, ny), Clock: clock, Unit: "day", Frequency: 1, Location: ny}
	}
	// 2027-03-14: 02:00 EST jumps to 03:00 EDT.
	if got, want := firings(daily("2027-03-13 00:00", "2027-03-16 00:00", 2*time.Hour+30*time.Minute), 5),
		"2027-03-13 02:30-05:00, 2027-03-14 03:30-04:00, 2027-03-15 02:30-04:00"; got != want {
		t.Errorf("gap:\n got  %s\n want %s", got, want)
	}
	// 2027-11-07: 02:00 EDT goes back to 01:00 EST; 01:30 happens twice.
	if got, want := firings(daily("2027-11-06 00:00", "2027-11-09 00:00", time.Hour+30*time.Minute), 5),
		"2027-11-06 01:30-04:00, 2027-11-07 01:30-04:00, 2027-11-08 01:30-05:00"; got != want {
		t.Errorf("repeated hour:\n got  %s\n want %s", got, want)
	}
	for _, c := range []struct {
		day   string
		clock time.Duration
		want  string
	}{
		{"2027-03-14 12:00", 2*time.Hour + 30*time.Minute, "2027-03-14T03:30:00-04:00"},
		{"2027-03-14 12:00", 2 * time.Hour, "2027-03-14T03:00:00-04:00"},
		{"2027-03-14 12:00", 3 * time.Hour, "2027-03-14T03:00:00-04:00"},
		{"2027-03-14 12:00", time.Hour + 59*time.Minute, "2027-03-14T01:59:00-05:00"},
		{"2027-11-07 12:00", time.Hour, "2027-11-07T01:00:00-04:00"},
		{"2027-11-07 12:00", 2 * time.Hour, "2027-11-07T02:00:00-05:00"},
		{"2027-11-07 23:00", 0, "2027-11-07T00:00:00-04:00"}, // any instant of the day names it
	} {
		if got := SlotOn(wall(t, c.day, ny), c.clock, ny).Format(time.RFC3339); got != c.want {
			t.Errorf("SlotOn(%s, %s) = %s, want %s", c.day, c.clock, got, c.want)
		}
	}
}

// In Havana clocks jump from 00:00 to 01:00 (2027-03-14), so that day has
// no midnight: a walk by midnights would fall back into the day before and
// never get past it. The walk by noons visits every day once, and the
// midnight slot runs at 01:00.
func TestPeriodHavanaMidnightJump(t *testing.T) {
	havana := mustZone(t, "America/Havana")
	p := Period{
		Start: wall(t, "2027-03-12 00:00", havana), End: wall(t, "2027-03-16 00:00", havana),
		Unit: "day", Frequency: 1, Location: havana,
	}
	var days []string
	p.EachDay(p.Start, func(day time.Time) bool {
		days = append(days, day.Format("2006-01-02"))
		return true
	})
	if got, want := strings.Join(days, " "), "2027-03-12 2027-03-13 2027-03-14 2027-03-15 2027-03-16"; got != want {
		t.Errorf("days %s, want %s", got, want)
	}
	if got, want := firings(p, 6),
		"2027-03-12 00:00-05:00, 2027-03-13 00:00-05:00, 2027-03-14 01:00-04:00, 2027-03-15 00:00-04:00, 2027-03-16 00:00-04:00"; got != want {
		t.Errorf("firings:\n got  %s\n want %s", got, want)
	}
}

func TestPeriodEachDayStopsWhenAsked(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	p := Period{
		Start: wall(t, "2027-01-01 00:00", sh), End: wall(t, "2027-12-31 00:00", sh),
		Unit: "month", Frequency: 1, Points: []string{"05"}, Location: sh,
	}
	var days []string
	p.EachDay(wall(t, "2027-03-06 00:00", sh), func(day time.Time) bool {
		days = append(days, day.Format("2006-01-02"))
		return len(days) < 2
	})
	if got, want := strings.Join(days, " "), "2027-04-05 2027-05-05"; got != want {
		t.Errorf("days %s, want %s", got, want)
	}
}

// Start, End and the day may be written in any zone: dates are those in
// Location.
func TestPeriodReadsDatesInLocation(t *testing.T) {
	sh := mustZone(t, "Asia/Shanghai")
	// 2027-01-03 20:00 UTC is Monday 2027-01-04 04:00 in Shanghai.
	p := Period{Start: time.Date(2027, 1, 3, 20, 0, 0, 0, time.UTC), Unit: "week", Frequency: 1, Points: []string{"MON"}, Location: sh}
	if !p.DayMatches(time.Date(2027, 1, 3, 20, 0, 0, 0, time.UTC)) {
		t.Error("a Monday in Shanghai written as Sunday in UTC does not match MON")
	}
	if p.DayMatches(time.Date(2027, 1, 3, 12, 0, 0, 0, sh)) {
		t.Error("Sunday in Shanghai matches MON")
	}
}

// A gap is read with the offset in force just before the jump, even when
// an older period of the zone had a smaller one: Nuuk moved from -03 to
// -02 in October 2023 and jumped from 23:00 -02 to 00:00 -01 on
// 2024-03-30, so 23:30 that day is half an hour past the jump, not an
// hour and a half (as reading it at -03 would make it).
func TestSlotOnGapUsesOffsetBeforeJump(t *testing.T) {
	nuuk := mustZone(t, "America/Nuuk")
	got := SlotOn(wall(t, "2024-03-30 12:00", nuuk), 23*time.Hour+30*time.Minute, nuuk).Format(time.RFC3339)
	if want := "2024-03-31T00:30:00-01:00"; got != want {
		t.Errorf("SlotOn = %s, want %s", got, want)
	}
}
