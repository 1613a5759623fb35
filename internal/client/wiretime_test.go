package client

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

func TestParseTime(t *testing.T) {
	sh, err := LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2027, 1, 1, 1, 0, 0, 0, time.UTC)
	for _, s := range []string{"2027-01-01T09:00:00+08:00", "2027-01-01T01:00:00Z", "2027-01-01 09:00:00", "2027-01-01T03:00:00+02:00"} {
		got, err := ParseTime(s, sh)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if !got.Equal(want) {
			t.Fatalf("%s: got %v want %v", s, got, want)
		}
		if w := FormatWireTime(got, sh); w != "2027-01-01 09:00:00" {
			t.Fatalf("%s: wire %s", s, w)
		}
	}
	for _, s := range []string{
		"", "2027-1-01 09:00:00", "2027-01-01 09:00", "2027-02-30 09:00:00", "2027-01-01 24:00:00",
		"2027-01-01T09:00:00", "2027-01-01 09:00:00Z", "2027/01/01 09:00:00", "２０２７-01-01 09:00:00", "2027-01-01  9:00:00",
	} {
		if _, err := ParseTime(s, sh); err == nil {
			t.Errorf("ParseTime(%q): want error", s)
		}
	}
	if _, err := ParseWireTime("2027-01-01T09:00:00+08:00", sh); err == nil {
		t.Error("ParseWireTime must reject RFC 3339")
	}
}

func TestParseWireTimeDSTGap(t *testing.T) {
	ny, err := LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseWireTime("2026-03-08 02:30:00", ny); err == nil {
		t.Fatal("a wall clock in the DST gap must be rejected")
	}
	if _, err := ParseWireTime("2026-03-08 03:30:00", ny); err != nil {
		t.Fatal(err)
	}
}

func TestFormatWireTimeIgnoresLocalZone(t *testing.T) {
	sh, _ := LoadLocation("")
	if sh.String() != "Asia/Shanghai" {
		t.Fatalf("default zone %s", sh)
	}
	tm := time.Date(2026, 12, 31, 20, 30, 0, 0, time.UTC)
	if got := FormatWireTime(tm, sh); got != "2027-01-01 04:30:00" {
		t.Fatalf("got %s", got)
	}
	if got := FormatWireTime(tm.In(time.FixedZone("X", -5*3600)), sh); got != "2027-01-01 04:30:00" {
		t.Fatalf("got %s", got)
	}
	if _, err := LoadLocation("Mars/Olympus"); err == nil {
		t.Fatal("want error")
	}
}

func TestParseClock(t *testing.T) {
	d, err := ParseClock("08:30:05")
	if err != nil || d != 8*time.Hour+30*time.Minute+5*time.Second {
		t.Fatalf("%v %v", d, err)
	}
	if FormatClock(d) != "08:30:05" {
		t.Fatal(FormatClock(d))
	}
	for _, s := range []string{"", "8:30:00", "24:00:00", "23:60:00", "23:59:60", "23:59", "ab:cd:ef", "23:59:59 "} {
		if _, err := ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q): want error", s)
		}
	}
	if _, err := ParseClock("23:59:59"); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"2027-01-01 09:00:00", "2027-01-01T09:00:00+08:00", "2027-01-01T01:00:00Z", "2024-02-29 23:59:59",
		"2023-02-29 00:00:00", "0000-00-00 00:00:00", "9999-12-31 23:59:59", "", "2027-01-01T09:00:00.123456789-07:00", "2026-03-08 02:30:00",
	} {
		f.Add(s)
	}
	sh, _ := LoadLocation("Asia/Shanghai")
	ny, _ := LoadLocation("America/New_York")
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{sh, ny, time.UTC} {
			tm, err := ParseTime(s, loc)
			if err != nil {
				continue
			}
			if isWireShape(s) {
				if got := FormatWireTime(tm, loc); got != s {
					t.Fatalf("ParseTime(%q, %s) formats back as %q", s, loc, got)
				}
			}
		}
		if d, err := ParseClock(s); err == nil && FormatClock(d) != s {
			t.Fatalf("ParseClock(%q) formats back as %q", s, FormatClock(d))
		}
	})
}

func BenchmarkFormatWireTime(b *testing.B) {
	sh, _ := LoadLocation("Asia/Shanghai")
	tm := time.Date(2027, 1, 1, 1, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = FormatWireTime(tm, sh)
	}
}

func BenchmarkParseTime(b *testing.B) {
	sh, _ := LoadLocation("Asia/Shanghai")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTime("2027-01-01 09:00:00", sh); err != nil {
			b.Fatal(err)
		}
		if _, err := ParseTime("2027-01-01T09:00:00+08:00", sh); err != nil {
			b.Fatal(err)
		}
	}
}

// Wall clocks around daylight-saving transitions: New York and Berlin (an
// hour), Lord Howe Island (half an hour), Shanghai (none).
func TestWallClockTransitions(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	ny, berlin, lh, sh := zone("America/New_York"), zone("Europe/Berlin"), zone("Australia/Lord_Howe"), zone("Asia/Shanghai")
	cases := []struct {
		loc      *time.Location
		wall     string
		instants string // RFC 3339 instants, earlier first; "" for a gap
		from, to string // the transition's wall clocks, when odd
	}{
		{ny, "2027-11-07 01:30:00", "2027-11-07T05:30:00Z 2027-11-07T06:30:00Z", "2027-11-07 02:00:00", "2027-11-07 01:00:00"},
		{ny, "2027-11-07 01:00:00", "2027-11-07T05:00:00Z 2027-11-07T06:00:00Z", "2027-11-07 02:00:00", "2027-11-07 01:00:00"},
		{ny, "2027-11-07 01:59:59", "2027-11-07T05:59:59Z 2027-11-07T06:59:59Z", "2027-11-07 02:00:00", "2027-11-07 01:00:00"},
		{ny, "2027-11-07 00:59:59", "2027-11-07T04:59:59Z", "", ""},
		{ny, "2027-11-07 02:00:00", "2027-11-07T07:00:00Z", "", ""},
		{ny, "2027-03-14 02:30:00", "", "2027-03-14 02:00:00", "2027-03-14 03:00:00"},
		{ny, "2027-03-14 02:00:00", "", "2027-03-14 02:00:00", "2027-03-14 03:00:00"},
		{ny, "2027-03-14 01:59:59", "2027-03-14T06:59:59Z", "", ""},
		{ny, "2027-03-14 03:00:00", "2027-03-14T07:00:00Z", "", ""},
		{berlin, "2027-10-31 02:30:00", "2027-10-31T00:30:00Z 2027-10-31T01:30:00Z", "2027-10-31 03:00:00", "2027-10-31 02:00:00"},
		{berlin, "2027-03-28 02:30:00", "", "2027-03-28 02:00:00", "2027-03-28 03:00:00"},
		{lh, "2027-04-04 01:45:00", "2027-04-03T14:45:00Z 2027-04-03T15:15:00Z", "2027-04-04 02:00:00", "2027-04-04 01:30:00"},
		{lh, "2027-10-03 02:15:00", "", "2027-10-03 02:00:00", "2027-10-03 02:30:00"},
		{sh, "2027-11-07 01:30:00", "2027-11-06T17:30:00Z", "", ""},
	}
	for _, c := range cases {
		naive, _ := time.Parse(WireTimeLayout, c.wall)
		var got []string
		for _, at := range rules.WallInstants(naive, c.loc) {
			got = append(got, at.UTC().Format(time.RFC3339))
		}
		if strings.Join(got, " ") != c.instants {
			t.Errorf("%s in %s: instants %v, want %s", c.wall, c.loc, got, c.instants)
		}
		parsed, err := ParseUnambiguousTime(c.wall, c.loc)
		var wce *WallClockError
		if c.from == "" {
			if err != nil || parsed.UTC().Format(time.RFC3339) != c.instants {
				t.Errorf("%s in %s: ParseUnambiguousTime = %v, %v", c.wall, c.loc, parsed, err)
			}
			continue
		}
		if !errors.As(err, &wce) || wce.From != c.from || wce.To != c.to || wce.Gap() != (c.instants == "") {
			t.Errorf("%s in %s: got %#v (%v), want a transition from %s to %s", c.wall, c.loc, wce, err, c.from, c.to)
		}
		// Written as any of its instants, with an offset, it is ambiguous too.
		for _, at := range strings.Fields(c.instants) {
			if _, err := ParseUnambiguousTime(at, c.loc); !errors.As(err, &wce) || len(wce.Instants) != 2 {
				t.Errorf("%s in %s: want ambiguous, got %v", at, c.loc, err)
			}
		}
		// Read from the wire: a gap is refused, a repeated hour is the earlier instant.
		wire, err := ParseWireTime(c.wall, c.loc)
		if c.instants == "" && err == nil || c.instants != "" && (err != nil || wire.UTC().Format(time.RFC3339) != strings.Fields(c.instants)[0]) {
			t.Errorf("ParseWireTime(%s, %s) = %v, %v", c.wall, c.loc, wire, err)
		}
	}
}

func TestWallClockAt(t *testing.T) {
	ny, _ := LoadLocation("America/New_York")
	berlin, _ := LoadLocation("Europe/Berlin")
	day := func(s string, loc *time.Location) time.Time {
		d, _ := time.ParseInLocation("2006-01-02", s, loc)
		return d
	}
	for _, c := range []struct {
		loc   *time.Location
		day   string
		clock time.Duration
		want  string
		ok    bool
	}{
		{ny, "2027-03-14", 2*time.Hour + 30*time.Minute, "2027-03-14T03:30:00-04:00", false}, // gap: moved past the jump
		{ny, "2027-11-07", time.Hour + 30*time.Minute, "2027-11-07T01:30:00-04:00", false},   // repeated: the earlier
		{berlin, "2027-03-28", 2*time.Hour + 30*time.Minute, "2027-03-28T03:30:00+02:00", false},
		{berlin, "2027-10-31", 2*time.Hour + 30*time.Minute, "2027-10-31T02:30:00+02:00", false},
		{ny, "2027-03-15", 2*time.Hour + 30*time.Minute, "2027-03-15T02:30:00-04:00", true},
	} {
		got, odd := WallClockAt(day(c.day, c.loc), c.clock, c.loc)
		ok := odd == nil
		if got.In(c.loc).Format(time.RFC3339) != c.want || ok != c.ok {
			t.Errorf("WallClockAt(%s, %s, %s) = %s %v, want %s %v", c.day, c.clock, c.loc, got.In(c.loc).Format(time.RFC3339), ok, c.want, c.ok)
		}
	}
}

func TestParseTimeFractionalSeconds(t *testing.T) {
	var fe *FractionalSecondsError
	if _, err := ParseTime("2027-01-01T09:00:00.5+08:00", nil); !errors.As(err, &fe) || fe.Whole != "2027-01-01T09:00:00+08:00" {
		t.Fatalf("got %v", err)
	}
	if _, err := ParseTime("2027-01-01T09:00:00.000Z", nil); err != nil {
		t.Fatalf("a zero fraction is a whole second: %v", err)
	}
}
