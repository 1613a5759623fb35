package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Every configuration JPush would reject is rejected at plan time, naming
// the attribute, without a single API call.
func TestAccSchedule_planTimeValidation(t *testing.T) {
	e := newAccEnv(t, nil)
	n := e.now()
	future := rfc(n.Add(2 * time.Hour))
	single := func(name, at, push string) string {
		return fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name    = %q
  trigger = { single = { time = %q } }
%s
}`, name, at, push)
	}
	periodical := func(start, end, clock, unit, freq, point string) string {
		if point != "" {
			point = "point = " + point
		}
		return fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name = "p"
  trigger = {
    periodical = {
      start     = %q
      end       = %q
      time      = %q
      time_unit = %q
      frequency = %s
      %s
    }
  }
%s
}`, start, end, clock, unit, freq, point, typedPush2)
	}
	withPush := func(push string) string { return single("ok", future, push) }
	pushWith := func(audience, rest string) string {
		return fmt.Sprintf("push = {\n audience = %s\n %s\n}", audience, rest)
	}
	alert := `notification = { alert = "hi" }`
	start, end := rfc(n.Add(time.Hour)), rfc(n.Add(30*24*time.Hour))

	cases := []struct {
		name, provider, config, want string
	}{
		{"empty name", "", single("", future, typedPush2), `Invalid schedule name`},
		{"name with space", "", single("bad name", future, typedPush2), `(?s)Invalid schedule name.*name`},
		{"name with dash", "", single("bad-name", future, typedPush2), `(?s)Invalid schedule name.*name`},
		{"name too long", "", single(strings.Repeat("名", 86), future, typedPush2), `(?s)Invalid schedule name.*255 bytes`},
		{"single time format", "", single("ok", "2027-1-1 09:00", typedPush2), `(?s)Invalid time.*time`},
		// A time in the past or beyond a year is a plan warning and an
		// apply error (TestAccLifecycle_clockProblemsWarnAtPlan).
		{"both trigger kinds", "", fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name = "x"
  trigger = {
    single     = { time = %q }
    periodical = { start = %q, end = %q, time = "08:00:00", time_unit = "day", frequency = 1 }
  }
%s
}`, future, start, end, typedPush2), `(?s)Invalid trigger.*trigger: set exactly one of single and periodical, not both`},
		{"no trigger kind", "", `
resource "jpush_schedule" "test" {
  name    = "x"
  trigger = {}
` + typedPush2 + `
}`, `(?s)Invalid trigger.*trigger: set one of single \(fire once\) and periodical`},
		{"end before start", "", periodical(end, start, "08:00:00", "day", "1", ""), `(?s)trigger\.periodical\.end.*must be after`},
		{"span over a year", "", periodical(start, rfc(n.AddDate(1, 1, 0)), "08:00:00", "day", "1", ""), `(?s)trigger\.periodical\.end.*more than one year`},
		{"first firing after end", "", periodical(rfc(n.Add(time.Hour)), rfc(n.Add(2*time.Hour)), n.Add(3*time.Hour).In(e.loc).Format("15:04:05"), "day", "1", ""), `(?s)never fires.*trigger\.periodical`},
		{"frequency 0", "", periodical(start, end, "08:00:00", "day", "0", ""), `(?s)trigger\.periodical\.frequency.*between 1 and 100`},
		{"frequency 101", "", periodical(start, end, "08:00:00", "day", "101", ""), `(?s)trigger\.periodical\.frequency.*between 1 and 100`},
		{"time_unit hour", "", periodical(start, end, "08:00:00", "hour", "1", ""), `(?s)trigger\.periodical\.time_unit`},
		{"clock format", "", periodical(start, end, "8:30", "day", "1", ""), `(?s)Invalid time of day.*time`},
		{"week without point", "", periodical(start, end, "08:00:00", "week", "1", ""), `(?s)Invalid point.*point`},
		{"week bad point", "", periodical(start, end, "08:00:00", "week", "1", `["MONDAY"]`), `(?s)Invalid point.*MONDAY`},
		{"month bad point", "", periodical(start, end, "08:00:00", "month", "1", `["1"]`), `(?s)Invalid point.*day of the month`},
		{"day with point", "", periodical(start, end, "08:00:00", "day", "1", `["01"]`), `(?s)Invalid point.*must be omitted`},
		{"bad platform", "", withPush(`push = {
  platform = ["windows"]
  audience = { all = true }
  ` + alert + `
}`), `(?s)push\.platform`},
		{"empty audience", "", withPush(pushWith(`{}`, alert)), `(?s)Empty audience.*push\.audience`},
		{"broadcast with tag", "", withPush(pushWith(`{ all = true, tag = ["a"] }`, alert)), `(?s)Invalid audience.*all`},
		{"too many tags", "", withPush(pushWith(`{ tag = [`+strings.Repeat(`"t", `, 20)+`"t21"] }`, alert)), `(?s)push\.audience\.tag`},
		{"bad tag", "", withPush(pushWith(`{ tag = ["a b"] }`, alert)), `(?s)Invalid tag or alias.*push\.audience\.tag\[0\]`},
		{"two segments", "", withPush(pushWith(`{ segment = ["a", "b"] }`, alert)), `(?s)push\.audience\.segment`},
		{"live activity combined", "", withPush(pushWith(`{ live_activity_id = "x", alias = ["a"] }`, alert)), `(?s)live_activity_id cannot be combined`},
		{"no notification or message", "", withPush(pushWith(`{ all = true }`, "")), `(?s)Push has no content.*notification`},
		{"android priority", "", withPush(pushWith(`{ all = true }`, `notification = { alert = "x", android = { priority = 5 } }`)), `(?s)push\.notification\.android\.priority`},
		{"ios badge", "", withPush(pushWith(`{ all = true }`, `notification = { alert = "x", ios = { badge = "lots" } }`)), `(?s)Invalid iOS badge.*push\.notification\.ios\.badge`},
		{"ios interruption level", "", withPush(pushWith(`{ all = true }`, `notification = { alert = "x", ios = { interruption_level = "loud" } }`)), `(?s)push\.notification\.ios\.interruption_level`},
		{"hmos without alert", "", withPush(pushWith(`{ all = true }`, `notification = { hmos = { title = "x" } }`)), `(?s)HarmonyOS notification without text.*alert`},
		{"empty message", "", withPush(pushWith(`{ all = true }`, `message = { msg_content = "" }`)), `(?s)push\.message\.msg_content`},
		{"big push duration", "", withPush(pushWith(`{ all = true }`, alert+"\n options = { big_push_duration = 2000 }")), `(?s)push\.options\.big_push_duration`},
		{"push and push_json", "", withPush(typedPush2 + `
  push_json = jsonencode({ platform = "all", audience = "all", notification = { alert = "x" } })`), `(?s)Conflicting push and push_json.*different pushes`},
		{"neither push nor push_json", "", withPush(""), `(?s)Missing push.*push_json`},
		{"push_json not an object", "", withPush(`push_json = jsonencode([1, 2])`), `(?s)Invalid push_json.*not a JSON object`},
		{"push_json without audience", "", withPush(`push_json = jsonencode({ platform = "all", notification = { alert = "x" } })`), `(?s)Invalid push_json.*audience`},
		{"push_json without content", "", withPush(`push_json = jsonencode({ platform = "all", audience = "all" })`), `(?s)Invalid push_json.*notification`},
		{"endpoint http to a remote host", `endpoint = "http://api.jpush.cn"`, single("ok", future, typedPush2), `(?s)Invalid JPush endpoint.*loopback`},
		{"endpoint ftp", `endpoint = "ftp://127.0.0.1"`, single("ok", future, typedPush2), `(?s)Invalid JPush endpoint.*scheme`},
		{"bad time zone", `time_zone = "Mars/Olympus"`, single("ok", future, typedPush2), `(?s)Invalid time zone.*Mars/Olympus`},
		{"request_timeout too short", `request_timeout = "100ms"`, single("ok", future, typedPush2), `(?s)Invalid duration.*request_timeout`},
		{"max_retries 11", `max_retries = 11`, single("ok", future, typedPush2), `(?s)max_retries.*between 0 and 10`},
	}
	if len(cases) < 25 {
		t.Fatalf("only %d cases", len(cases))
	}
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			p := e.providerConfig()
			if c.provider != "" {
				p = fmt.Sprintf(`
provider "jpush" {
  app_key       = "jpushemulatorappkey00001"
  master_secret = "jpushemulatorsecret00001"
  %s
}
`, c.provider)
			}
			t.Run(c.name, func(t *testing.T) {
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6Factories,
					Steps: []resource.TestStep{{
						Config:      p + c.config,
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(c.want),
					}},
				})
			})
		}
	})
	e.checkOnlyClockProbes(len(cases))
}
