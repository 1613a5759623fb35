package trigger

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// The daylight-saving rules of the plan and of the emulator (JPush's
// stand-in) held together: around every transition of three zones (an
// hour in New York and Berlin, half an hour on Lord Howe Island), every
// quarter hour is written as a wall clock and planned, and sent to the
// emulator as the provider would send it. A wall clock in a gap: both
// reject it. A wall clock that happens twice: the plan rejects it, and the
// emulator, which cannot tell either, takes the earlier instant (so the
// later meaning would fire early: why the plan must reject it). Any other:
// both accept, and the emulator holds the instant the provider meant.
func TestTimeRulesAgreeWithEmulator(t *testing.T) {
	transitions := map[string][]string{
		"America/New_York":    {"2027-03-14", "2027-11-07"},
		"Europe/Berlin":       {"2027-03-28", "2027-10-31"},
		"Australia/Lord_Howe": {"2027-04-04", "2027-10-03"},
	}
	for zone, days := range transitions {
		loc, err := client.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		srv := startZoneEmulator(t, loc)
		c := emulatorClient(t, srv)
		cases := 0
		for _, day := range days {
			d, _ := time.Parse("2006-01-02", day)
			for m := 0; m < 5*60; m += 15 {
				wall := d.Add(time.Duration(m) * time.Minute).Format(client.WireTimeLayout)
				checkAgreement(t, c, srv, loc, wall)
				cases++
			}
		}
		t.Logf("%s: %d wall clocks, plan and emulator agree", zone, cases)
	}
}

func startZoneEmulator(t *testing.T, loc *time.Location) *emulator.Server {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	off, visible := 0, true
	srv.Configure(emulator.Config{RateLimitPerMinute: &off, ExpiredVisible: &visible})
	srv.SetNow(nyTestNow)
	return srv
}

func emulatorClient(t *testing.T, srv *emulator.Server) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		Endpoint: srv.URL, AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret,
		MaxRetries: -1, RequestTimeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkAgreement plans a single time written as the wall clock wall and
// sends that wall clock to the emulator.
func checkAgreement(t *testing.T, c *client.Client, srv *emulator.Server, loc *time.Location, wall string) {
	t.Helper()
	ctx := context.Background()
	tm := &Model{Single: &SingleModel{Time: types.StringValue(wall)}}
	planErr := errorSummary(tm.Check(ctx, loc, FixedClock(srv.Now()), true, nil))
	naive, _ := time.Parse(client.WireTimeLayout, wall)
	instants := wallInstantsOf(naive, loc)
	res, apiErr := c.CreateSchedule(ctx, &client.Schedule{
		Name: "dst", Enabled: true, Trigger: client.Trigger{Single: &client.SingleTrigger{Time: wall}},
		Push: []byte(`{"platform":"all","audience":"all","notification":{"alert":"x"}}`),
	})
	switch len(instants) {
	case 0:
		if !strings.HasPrefix(planErr, "Time does not exist") || apiErr == nil || !strings.Contains(apiErr.Error(), "8100") {
			t.Errorf("%s in %s (a gap): plan %q, emulator %v; both must reject", wall, loc, planErr, apiErr)
		}
		return
	case 2:
		if !strings.HasPrefix(planErr, "Ambiguous time") {
			t.Errorf("%s in %s (repeated): plan %q, want it rejected", wall, loc, planErr)
		}
	default:
		if planErr != "" {
			t.Errorf("%s in %s: plan rejects it: %s", wall, loc, planErr)
		}
	}
	if apiErr != nil {
		t.Errorf("%s in %s: emulator rejects a wall clock that exists: %v", wall, loc, apiErr)
		return
	}
	// The emulator fires it at the earlier instant, not a second before.
	defer srv.SetNow(nyTestNow)
	srv.SetNow(instants[0].Add(-time.Second))
	if ids, err := c.GetMsgIDs(ctx, res.ScheduleID); err != nil || len(ids.Items) != 0 {
		t.Errorf("%s in %s: fired before %v: %+v %v", wall, loc, instants[0], ids, err)
	}
	srv.SetNow(instants[0])
	ids, err := c.GetMsgIDs(ctx, res.ScheduleID)
	if err != nil || len(ids.Items) != 1 || ids.Items[0].RunAt == nil || !ids.Items[0].RunAt.Equal(instants[0]) {
		t.Errorf("%s in %s: want one run at %v, got %+v %v", wall, loc, instants[0], ids, err)
	}
}

// wallInstantsOf lists the instants whose wall clock in loc is naive's,
// computed independently of the code under test: every minute-aligned
// instant within a day of it, checked.
func wallInstantsOf(naive time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	for off := -14 * 60; off <= 14*60; off += 15 {
		c := naive.Add(-time.Duration(off) * time.Minute)
		if c.In(loc).Format(client.WireTimeLayout) == naive.Format(client.WireTimeLayout) {
			out = append(out, c)
		}
	}
	// Offsets were tried from west to east: sort the instants, earlier first.
	for i := 1; i < len(out); i++ {
		if out[i].Before(out[i-1]) {
			out[i], out[i-1] = out[i-1], out[i]
		}
	}
	return out
}

func errorSummary(d diag.Diagnostics) string {
	for _, e := range d.Errors() {
		return e.Summary()
	}
	return ""
}

// A daily time of day that a transition skips or repeats between start and
// end plans with a warning naming the time, the zone and the dates; one
// that never meets a transition plans without one.
func TestPeriodicalClockDSTWarning(t *testing.T) {
	ny, _ := client.LoadLocation("America/New_York")
	daily := func(start, end, clock string) *Model {
		return &Model{Periodical: &PeriodicalModel{
			Start: types.StringValue(start), End: types.StringValue(end), Time: types.StringValue(clock),
			TimeUnit: types.StringValue("day"), Frequency: types.Int64Value(1), Point: types.ListNull(types.StringType),
		}}
	}
	weekly := func(start, end, clock, day string) *Model {
		tm := daily(start, end, clock)
		tm.Periodical.TimeUnit = types.StringValue("week")
		tm.Periodical.Point = framework.StringList([]string{day})
		return tm
	}
	clock := FixedClock(nyTestNow)
	for _, c := range []struct {
		name string
		tm   *Model
		want string // "" for no warning
	}{
		{"gap", daily("2027-03-01 00:00:00", "2027-04-01 00:00:00", "02:30:00"), `"02:30:00" does not exist in America/New_York on 2027-03-14: clocks jump from 02:00:00 to 03:00:00`},
		{"repeated", daily("2027-11-01 00:00:00", "2027-12-01 00:00:00", "01:15:00"), `"01:15:00" happens twice in America/New_York on 2027-11-07: clocks go back from 02:00:00 to 01:00:00`},
		{"outside the changing hour", daily("2027-03-01 00:00:00", "2027-12-01 00:00:00", "03:00:00"), ""},
		{"span misses the transition", daily("2027-03-15 00:00:00", "2027-04-01 00:00:00", "02:30:00"), ""},
		{"gap on a day that does not fire", weekly("2027-03-01 00:00:00", "2027-04-01 00:00:00", "02:30:00", "MON"), ""},
		{"gap on a firing day", weekly("2027-03-01 00:00:00", "2027-04-01 00:00:00", "02:30:00", "SUN"), "on 2027-03-14"},
	} {
		d := c.tm.Check(context.Background(), ny, clock, true, nil)
		if d.HasError() {
			t.Fatalf("%s: %v", c.name, d)
		}
		got := ""
		for _, w := range d.Warnings() {
			got += w.Detail()
		}
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%s: warning %q, want %q", c.name, got, c.want)
		}
	}
}

// A periodical time of day on a transition day: the first firing the plan
// computes (to check it is not after end) is the emulator's first run, for
// a time the day skips (run past the jump) or repeats (the earlier).
func TestFirstFiringAgreesWithEmulatorOnTransitionDays(t *testing.T) {
	for zone, days := range map[string][]string{
		"America/New_York": {"2027-03-14", "2027-11-07"},
		"Europe/Berlin":    {"2027-03-28", "2027-10-31"},
	} {
		loc, _ := client.LoadLocation(zone)
		srv := startZoneEmulator(t, loc)
		c := emulatorClient(t, srv)
		for _, day := range days {
			for m := 0; m < 4*60; m += 30 {
				tod := client.FormatClock(time.Duration(m) * time.Minute)
				checkFirstRun(t, c, srv, loc, day+" 00:00:00", tod)
			}
		}
	}
}

func checkFirstRun(t *testing.T, c *client.Client, srv *emulator.Server, loc *time.Location, start, tod string) {
	t.Helper()
	ctx := context.Background()
	s, _ := client.ParseWireTime(start, loc)
	end := client.FormatWireTime(s.AddDate(0, 0, 3), loc)
	clock, _ := client.ParseClock(tod)
	want, ok := firstFiring(s, clock, "day", 1, nil, loc)
	if !ok {
		t.Fatalf("%s %s: no first firing", start, tod)
	}
	res, err := c.CreateSchedule(ctx, &client.Schedule{
		Name: "dst", Enabled: true,
		Trigger: client.Trigger{Periodical: &client.PeriodicalTrigger{Start: start, End: end, Time: tod, TimeUnit: "day", Frequency: 1}},
		Push:    []byte(`{"platform":"all","audience":"all","notification":{"alert":"x"}}`),
	})
	if err != nil {
		t.Fatalf("%s %s in %s: %v", start, tod, loc, err)
	}
	defer func() { _ = c.DeleteSchedule(ctx, res.ScheduleID) }()
	defer srv.SetNow(nyTestNow)
	srv.SetNow(want.Add(-time.Second))
	if ids, err := c.GetMsgIDs(ctx, res.ScheduleID); err != nil || len(ids.Items) != 0 {
		t.Errorf("%s %s in %s: ran before %v: %+v %v", start, tod, loc, want, ids, err)
	}
	srv.SetNow(want)
	ids, err := c.GetMsgIDs(ctx, res.ScheduleID)
	if err != nil || len(ids.Items) != 1 || !ids.Items[0].RunAt.Equal(want) {
		t.Errorf("%s %s in %s: want the first run at %v, got %+v %v", start, tod, loc, want, ids, err)
	}
}

// nyTestNow is the emulator's virtual now in these tests (as in the root package's time_rules_acc_test.go).
var nyTestNow = time.Date(2027, 1, 10, 17, 0, 0, 0, time.UTC)
