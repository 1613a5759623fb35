package emulator

import (
	"strings"
	"testing"
	"time"
)

// The emulator reads wall clocks in its zone as JPush is taken to: a wall
// clock a daylight-saving jump skips is invalid (8100); one that repeats
// is the earlier instant; a periodical time of day that a day skips runs
// as far past the jump, once; a year (for the one-year limits) is counted
// on the zone's wall clock.
func TestDaylightSavingWallClocks(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Date(2027, 1, 10, 17, 0, 0, 0, time.UTC)}
	e := newEnvWith(t, Options{Now: clk.Now, Location: ny})
	e.srv.Configure(Config{ExpiredVisible: ptr(true), RateLimitPerMinute: ptr(0)})
	single := func(at string) map[string]any {
		return with(func(m map[string]any) { m["trigger"] = map[string]any{"single": map[string]any{"time": at}} })
	}
	if r := e.do("POST", "/v3/schedules", single("2027-03-14 02:30:00")); r.status != 400 || r.errCode(t) != 8100 || !strings.Contains(r.errMsg(t), "does not exist in America/New_York") {
		t.Fatalf("a wall clock in the gap: %d %s", r.status, r.body)
	}
	repeated := e.create(single("2027-11-07 01:30:00"))
	daily := e.create(withTrigger(map[string]any{"periodical": map[string]any{
		"start": "2027-03-13 00:00:00", "end": "2027-03-16 00:00:00", "time": "02:30:00", "time_unit": "day", "frequency": 1,
	}}))
	e.srv.SetNow(time.Date(2027, 11, 7, 5, 30, 0, 0, time.UTC)) // 01:30 EDT, the earlier
	if got := runsOf(t, e, repeated); got != "2027-11-07T01:30:00-04:00" {
		t.Errorf("repeated wall clock ran at %q, want the earlier instant", got)
	}
	if got := runsOf(t, e, daily); got != "2027-03-13T02:30:00-05:00 2027-03-14T03:30:00-04:00 2027-03-15T02:30:00-04:00" {
		t.Errorf("daily 02:30 ran at %s", got)
	}

	// Now 2027-02-28 22:00 EST: a year on New York's wall clock ends at
	// 2028-02-28 22:00 EST, a day before a year counted in UTC.
	e.srv.SetNow(time.Date(2027, 3, 1, 3, 0, 0, 0, time.UTC))
	if r := e.do("POST", "/v3/schedules", single("2028-02-29 07:00:00")); r.status != 400 || !strings.Contains(r.errMsg(t), "at most one year") {
		t.Errorf("a year and 9 hours ahead on the wall clock: %d %s", r.status, r.body)
	}
	e.create(single("2028-02-28 22:00:00"))
}

func runsOf(t *testing.T, e *env, id string) string {
	t.Helper()
	var runs []string
	for _, at := range e.runs(id) {
		runs = append(runs, at.In(e.srv.loc).Format(time.RFC3339))
	}
	return strings.Join(runs, " ")
}

// Where clocks jump at midnight (Havana: 2027-03-14 00:00 CST -> 01:00
// CDT), a daily schedule across the jump is accepted and runs every day.
func TestDailyAcrossMidnightJump(t *testing.T) {
	havana, err := time.LoadLocation("America/Havana")
	if err != nil {
		t.Fatal(err)
	}
	clk := &fakeClock{t: time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)}
	e := newEnvWith(t, Options{Now: clk.Now, Location: havana})
	e.srv.Configure(Config{RateLimitPerMinute: ptr(0)})
	id := e.create(withTrigger(map[string]any{"periodical": map[string]any{
		"start": "2027-03-13 00:00:00", "end": "2027-03-16 00:00:00", "time": "00:30:00", "time_unit": "day", "frequency": 1,
	}}))
	e.srv.SetNow(time.Date(2027, 3, 15, 12, 0, 0, 0, time.UTC))
	if got := runsOf(t, e, id); got != "2027-03-13T00:30:00-05:00 2027-03-14T01:30:00-04:00 2027-03-15T00:30:00-04:00" {
		t.Errorf("daily 00:30 ran at %s", got)
	}
}
