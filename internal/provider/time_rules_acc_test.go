package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

// Acceptance tests of the time rules (issue 10 items 4 and 11, issue 11's
// times): daylight saving in the provider's time_zone, fractional seconds,
// the clock a create-only plan judges "the future" by, and one-year limits
// computed on the wall clock in time_zone. Every environment here runs the
// emulator in America/New_York and the provider with the same time_zone.

// nyTestNow is the emulator's virtual now in these tests: before both of
// New York's 2027 transitions (spring forward 2027-03-14 02:00 EST -> 03:00
// EDT, fall back 2027-11-07 02:00 EDT -> 01:00 EST), so both are within a
// year.
var nyTestNow = time.Date(2027, 1, 10, 17, 0, 0, 0, time.UTC)

func newNYEnv(t *testing.T) (*accEnv, string) {
	t.Helper()
	loc, err := client.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	e := newAccEnv(t, loc)
	e.srv.SetNow(nyTestNow)
	cfg := e.providerConfig(`time_zone = "America/New_York"`)
	return e, cfg
}

// dailyConfig is a daily periodical jpush_schedule.test.
func dailyConfig(name, start, end, clock string) string {
	return periodicalConfig(name, start, end, clock, "day", 1, "", typedPush2)
}

// wrapped lets each space of a pattern match the line breaks Terraform
// wraps long messages at.
func wrapped(pattern string) string { return strings.ReplaceAll(pattern, " ", `\s+`) }

// checkOnlyClockProbes fails the test unless every request the emulator
// saw is a read of the first page of the list, at most one per plan: the
// plan-time probe of JPush's clock, made only by a plan whose checks need
// JPush's "now" (see planClock).
func (e *accEnv) checkOnlyClockProbes(plans int) {
	e.t.Helper()
	st := e.srv.Stats().Requests
	if n := e.requests() - st[emulator.RouteList]; n != 0 || st[emulator.RouteList] > plans {
		e.t.Errorf("%d plans made requests other than one read of JPush's clock each: %v", plans, st)
	}
}

// A time in New York's fall-back hour, however it is written, and a wall
// clock in its spring-forward gap fail at plan with the zone, the two
// candidate instants (or the gap) and what to write instead, without a
// single API call. Before the fix the gap passed plan and failed at apply,
// and the overlap was sent as an ambiguous wall clock.
func TestAccTime_daylightSavingRejectedAtPlan(t *testing.T) {
	e, p := newNYEnv(t)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	single := func(at string) string { return p + singleConfig("dst", at, "true", typedPush2) }
	overlap := wrapped(`(?s)Ambiguous time in America/New_York.*trigger\.%s.*happens twice.*` +
		`2027-11-07T01:30:00-04:00 and 2027-11-07T01:30:00-05:00.*before 2027-11-07 01:00:00 or from 2027-11-07 02:00:00`)
	gap := wrapped(`(?s)Time does not exist in America/New_York.*trigger\.%s: "2027-03-14 02:30:00" does not exist.*` +
		`jump from 02:00:00 to 03:00:00.*before 2027-03-14 02:00:00 or from 2027-03-14 03:00:00`)
	tplParamA := tplParam("a", `{ title = "t" }`, `{ alias = ["x"] }`, "")
	cases := []badInputCase{
		{"single wall clock in the overlap", single("2027-11-07 01:30:00"), fmt.Sprintf(overlap, `single\.time`)},
		{"single RFC 3339 EDT instant in the overlap", single("2027-11-07T01:30:00-04:00"), fmt.Sprintf(overlap, `single\.time`)},
		{"single RFC 3339 EST instant in the overlap", single("2027-11-07T01:30:00-05:00"), fmt.Sprintf(overlap, `single\.time`)},
		{"single UTC instant in the overlap", single("2027-11-07T06:30:00Z"), fmt.Sprintf(overlap, `single\.time`)},
		{"single wall clock in the gap", single("2027-03-14 02:30:00"), fmt.Sprintf(gap, `single\.time`)},
		{"periodical start in the gap", p + dailyConfig("dst", "2027-03-14 02:30:00", "2027-04-01 00:00:00", "09:00:00"), fmt.Sprintf(gap, `periodical\.start`)},
		{"periodical end in the overlap", p + dailyConfig("dst", "2027-10-01 00:00:00", "2027-11-07T01:30:00-05:00", "09:00:00"), fmt.Sprintf(overlap, `periodical\.end`)},
		{"periodical start in the overlap", p + dailyConfig("dst", "2027-11-07 01:30:00", "2027-12-01 00:00:00", "09:00:00"), fmt.Sprintf(overlap, `periodical\.start`)},
		{"template single in the gap", p + tplConfig("tpl1", "dst", "true", tplSingle("2027-03-14 02:30:00"), tplParamA), fmt.Sprintf(gap, `single\.time`)},
		{"template single in the overlap", p + tplConfig("tpl1", "dst", "true", tplSingle("2027-11-07T01:30:00-05:00"), tplParamA), fmt.Sprintf(overlap, `single\.time`)},
	}
	badInputRun(t, e, cases)
	if n := e.requests(); n != 0 {
		t.Errorf("daylight-saving rules need no clock, yet the plans made %d requests: %v", n, e.srv.Stats().Requests)
	}
}

// The same instant written just outside the transitions plans and applies,
// and plans clean afterwards; the emulator holds the wall clock sent.
func TestAccTime_daylightSavingNeighboursApply(t *testing.T) {
	e, p := newNYEnv(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			// 02:00:00 EST is the first instant after the fall-back hour.
			{Config: p + singleConfig("dst_ok", "2027-11-07T02:00:00-05:00", "true", typedPush2), Check: e.checkSingleWire(res, "2027-11-07 02:00:00")},
			// 03:00:00 EDT is the first wall clock after the gap.
			{Config: p + singleConfig("dst_ok", "2027-03-14 03:00:00", "true", typedPush2), Check: e.checkSingleWire(res, "2027-03-14 03:00:00")},
		},
	})
}

func (e *accEnv) checkSingleWire(name, want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, name)
		if err != nil {
			return err
		}
		got := e.stored(id)["trigger"].(map[string]any)["single"].(map[string]any)["time"]
		if got != want {
			return fmt.Errorf("JPush holds single time %v, want %s", got, want)
		}
		return nil
	}
}

// A daily time of day that falls in the gap on one day of the span plans
// with a warning that names the time, the zone, the day and the jump (see
// warnOddFiringDays for why it is not an error), and applies; on the day
// of the gap the emulator runs it at the same offset past the jump, 03:30
// EDT, once.
func TestAccTime_periodicalClockInGap(t *testing.T) {
	e, p := newNYEnv(t)
	h := newCLIHarness(t)
	h.must("init")
	h.write(p + dailyConfig("dst_daily", "2027-03-13 00:00:00", "2027-03-16 00:00:00", "02:30:00"))
	want := `Warning: Time of day changes with daylight saving .* trigger.periodical.time: "02:30:00" does not exist ` +
		`in America/New_York on 2027-03-14: clocks jump from 02:00:00 to 03:00:00`
	if ws := strings.Join(warnings(h.must("plan")), "\n"); !regexp.MustCompile(want).MatchString(ws) {
		t.Fatalf("plan warnings %q, want %s", ws, want)
	}
	h.must("apply", "-auto-approve")
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 {
		t.Fatalf("JPush holds %v, want one schedule", ids)
	}
	e.srv.SetNow(time.Date(2027, 3, 15, 12, 0, 0, 0, time.UTC))
	got, err := tplClient(t, e).GetMsgIDs(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	var runs []string
	for _, m := range got.Items {
		runs = append(runs, m.RunAt.In(e.loc).Format(time.RFC3339))
	}
	if want := "2027-03-13T02:30:00-05:00 2027-03-14T03:30:00-04:00 2027-03-15T02:30:00-04:00"; strings.Join(runs, " ") != want {
		t.Errorf("runs %v, want %s", runs, want)
	}
}

// A time with a fraction of a second fails at plan (JPush schedules whole
// seconds: it would be sent truncated and every plan would show a change);
// a zero fraction is the same instant and plans clean after apply.
func TestAccTime_fractionalSeconds(t *testing.T) {
	e, p := newNYEnv(t)
	cases := []badInputCase{
		{"single", p + singleConfig("frac", "2027-02-01T09:00:00.5Z", "true", typedPush2), wrapped(`(?s)Invalid time.*trigger\.single\.time.*fraction of a second.*Write 2027-02-01T09:00:00Z`)},
		{"periodical start", p + dailyConfig("frac", "2027-02-01T09:00:00.250-05:00", "2027-03-01 00:00:00", "10:00:00"), wrapped(`(?s)Invalid time.*trigger\.periodical\.start.*fraction of a second`)},
	}
	badInputRun(t, e, cases)
	if n := e.requests(); n != 0 {
		t.Errorf("a fraction of a second is a format error, yet the plans made %d requests: %v", n, e.srv.Stats().Requests)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			// The post-apply empty-plan check of the framework is the proof.
			Config: p + singleConfig("frac", "2027-02-01T09:00:00.000Z", "true", typedPush2),
			Check:  e.checkSingleWire(res, "2027-02-01 04:00:00"),
		}},
	})
}

// A create-only plan judges "in the future" by JPush's clock, not the
// machine's. With JPush two days ahead, a time one day ahead of the machine
// is reported at plan, naming JPush's clock (a warning: clock problems never
// stop a destroy, see plannedTrigger.check), and the apply fails before
// anything is sent. With JPush two days behind, a time one day in the
// machine's past plans cleanly and applies.
func TestAccTime_planUsesJPushClock(t *testing.T) {
	e, p := newNYEnv(t)
	h := newCLIHarness(t)
	h.must("init")
	wall := time.Now().Truncate(time.Second)
	e.srv.SetNow(wall.Add(48 * time.Hour))
	h.write(p + singleConfig("skew", rfc(wall.Add(24*time.Hour)), "true", typedPush2))
	want := regexp.MustCompile(`Single time is not in the future .* is not after JPush's current time, .* in America/New_York ` +
		`\(read from the Date header of JPush's last response\)`)
	if ws := strings.Join(warnings(h.must("plan")), "\n"); !want.MatchString(ws) {
		t.Errorf("plan warnings %q, want %s", ws, want)
	}
	e.checkOnlyClockProbes(1)
	out, code := h.run("apply", "-auto-approve")
	if code == 0 || !regexp.MustCompile(`Error: Single time is not in the future .* JPush's current time`).MatchString(oneLine(out)) {
		t.Errorf("apply: exit %d, want the error naming JPush's clock:\n%s", code, out)
	}
	// terraform apply plans again and applies, each with a new provider
	// instance that reads the clock once; nothing is sent.
	e.checkOnlyClockProbes(3)

	e.srv.SetNow(wall.Add(-48 * time.Hour))
	at := wall.Add(-24 * time.Hour)
	h.write(p + singleConfig("skew", rfc(at), "true", typedPush2))
	if ws := warnings(h.must("plan")); len(ws) != 0 {
		t.Errorf("plan warnings %q, want none", ws)
	}
	h.must("apply", "-auto-approve")
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 || e.stored(ids[0])["trigger"].(map[string]any)["single"].(map[string]any)["time"] != e.wire(at) {
		t.Errorf("JPush holds %v, want one schedule at %s", ids, e.wire(at))
	}
	h.must("destroy", "-auto-approve")
}

// One-year limits are computed on the wall clock in time_zone, as JPush
// does, whatever offset the time is written with. Both cases passed plan
// and failed at apply before. The span of a periodical is the
// configuration's own problem: an error at plan, with no request. The
// single time's limit depends on JPush's clock: a warning at plan (clock
// problems never stop a destroy), then an error at apply before anything
// is sent.
func TestAccTime_oneYearOnZoneWallClock(t *testing.T) {
	e, p := newNYEnv(t)
	// JPush's now: 2027-02-28 22:00 EST (2027-03-01 03:00 UTC). A year on
	// New York's wall clock is 2028-02-28 22:00 EST; in UTC it would be
	// 2028-03-01 03:00, a day later.
	e.srv.SetNow(time.Date(2027, 3, 1, 3, 0, 0, 0, time.UTC))
	// Start 2028-02-29 23:00 at -08:00 is 2028-03-01 02:00 EST: a year
	// later on New York's wall clock is 2029-03-01 02:00, not the
	// 2029-03-02 02:00 EST that a year at -08:00 gives.
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: protoV6Factories, Steps: []resource.TestStep{{
		Config:      p + dailyConfig("year", "2028-02-29T23:00:00-08:00", "2029-03-01 12:00:00", "09:00:00"),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(wrapped(`(?s)Periodical span is longer than one year.*trigger\.periodical\.end.*counted on the wall clock in America/New_York`)),
	}}})
	if n := e.requests(); n != 0 {
		t.Errorf("the span rule needs no clock, yet the plan made %d requests: %v", n, e.srv.Stats().Requests)
	}

	h := newCLIHarness(t)
	h.must("init")
	h.write(p + singleConfig("year", "2028-02-29T12:00:00Z", "true", typedPush2))
	if ws := strings.Join(warnings(h.must("plan")), "\n"); !strings.Contains(ws, "Single time is more than one year ahead") ||
		!strings.Contains(ws, "counted on the wall clock in America/New_York") {
		t.Errorf("plan warnings %q, want the one-year warning", ws)
	}
	if out, code := h.run("apply", "-auto-approve"); code == 0 || !strings.Contains(oneLine(out), "Error: Single time is more than one year ahead") {
		t.Errorf("apply: exit %d, want the one-year error:\n%s", code, out)
	}
	e.checkOnlyClockProbes(3) // the plan, and the apply's plan and apply walks

	// The emulator agrees: the same two are rejected with 8100.
	c := tplClient(t, e)
	for _, tr := range []client.Trigger{
		{Single: &client.SingleTrigger{Time: "2028-02-29 07:00:00"}},
		{Periodical: &client.PeriodicalTrigger{Start: "2028-03-01 02:00:00", End: "2029-03-01 12:00:00", Time: "09:00:00", TimeUnit: "day", Frequency: 1}},
	} {
		_, err := c.CreateSchedule(context.Background(), &client.Schedule{Name: "year", Enabled: true, Trigger: tr, Push: []byte(`{"platform":"all","audience":"all","notification":{"alert":"x"}}`)})
		if err == nil || !strings.Contains(err.Error(), "8100") {
			t.Errorf("emulator accepted %+v: %v", tr, err)
		}
	}
}

// An endpoint with credentials in it is rejected, and neither the password
// nor the user name is echoed, whether it comes from the configuration or
// from JPUSH_ENDPOINT.
func TestAccProvider_endpointCredentialsNeverEchoed(t *testing.T) {
	e := newAccEnv(t, nil)
	secretURL := strings.Replace(e.srv.URL, "http://", "http://alice:Q~pw@", 1)
	cfg := func(endpoint string) string {
		return testTerraformBlock + fmt.Sprintf(`
variable "endpoint" {
  type    = string
  default = %q
}
provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = var.endpoint == "" ? null : var.endpoint
}
`, endpoint, emulator.DefaultAppKey, emulator.DefaultMasterSecret) + singleConfig("creds", rfc(e.now().Add(48*time.Hour)), "true", typedPush2)
	}
	// The CLI's whole error text must name the problem and never hold the
	// user name or the password.
	checked := 0
	check := func(want string) func(error) error {
		return func(err error) error {
			checked++
			msg := err.Error()
			if strings.Contains(msg, "Q~pw") || strings.Contains(msg, "alice") {
				return fmt.Errorf("the error echoes the endpoint's credentials: %s", msg)
			}
			if !regexp.MustCompile(want).MatchString(msg) {
				return fmt.Errorf("error does not match %s: %s", want, msg)
			}
			return nil
		}
	}
	step := resource.TestStep{Config: cfg(secretURL), PlanOnly: true}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		ErrorCheck:               check(`(?s)Invalid JPush endpoint.*endpoint.*credentials`),
		Steps:                    []resource.TestStep{step},
	})
	t.Setenv(conn.EnvEndpoint, secretURL)
	step.Config = cfg("")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		ErrorCheck:               check(`(?s)Invalid JPush endpoint.*JPUSH_ENDPOINT.*credentials`),
		Steps:                    []resource.TestStep{step},
	})
	if checked != 2 {
		t.Errorf("%d of 2 plans failed", checked)
	}
	if n := e.requests(); n != 0 {
		t.Errorf("%d requests reached the emulator", n)
	}
}

// A plan of several new schedules learns JPush's clock with one read,
// shared by all of them, and creates nothing. (A PlanOnly step runs two
// plans, each in a new provider process: two reads in all.)
func TestAccTime_clockProbedOncePerPlan(t *testing.T) {
	e, p := newNYEnv(t)
	cfg := p
	for i := 0; i < 8; i++ {
		cfg += fmt.Sprintf(`
resource "jpush_schedule" "s%d" {
  name    = "probe_%d"
  trigger = { single = { time = %q } }
%s
}
`, i, i, rfc(e.now().Add(time.Duration(i+2)*time.Hour)), typedPush2)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    []resource.TestStep{{Config: cfg, PlanOnly: true, ExpectNonEmptyPlan: true}},
	})
	if st := e.srv.Stats().Requests; e.requests() != st[emulator.RouteList] || st[emulator.RouteList] != 2 {
		t.Errorf("two plans of 8 new schedules made %v requests, want one list read each", st)
	}
}
