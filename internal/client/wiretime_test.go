package client

import (
	"testing"
	"time"
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
