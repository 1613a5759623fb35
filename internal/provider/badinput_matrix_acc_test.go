package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// A bad-input matrix over every resource, data source and the provider
// block: each configuration is rejected at plan time with the attribute
// path in the error, and not one API call is made. (validation_acc_test.go
// and TestAccTemplateSchedule_planErrors hold more cases of the same kind.)

type badInputCase struct {
	name, config, want string
}

// badInputRun plans every case in one test case (one working directory) and
// asserts that the emulator saw no request but the plans' reads of JPush's
// clock (see checkOnlyClockProbes).
func badInputRun(t *testing.T, e *accEnv, cases []badInputCase) {
	t.Helper()
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      c.config,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    steps,
	})
	e.checkOnlyClockProbes(len(cases))
	t.Logf("%d invalid configurations rejected at plan, %d API requests (clock probes)", len(cases), e.requests())
}

func TestAccBadInput_schedule(t *testing.T) {
	e := newAccEnv(t, nil)
	p := e.providerConfig()
	at := rfc(e.now().Add(48 * time.Hour))
	start, end := rfc(e.now().Add(time.Hour)), rfc(e.now().Add(30*24*time.Hour))
	single := func(extra, push string) string {
		return p + fmt.Sprintf(`
resource "jpush_schedule" "bad" {
  name    = "bad_input"
  trigger = { single = { time = %q } }
  %s
%s
}`, at, extra, push)
	}
	typed := func(audience, rest string) string {
		return fmt.Sprintf("push = {\n  audience = %s\n  notification = { alert = \"x\" }\n  %s\n}", audience, rest)
	}
	all := `{ all = true }`
	periodical := func(start, unit, point string) string {
		return p + fmt.Sprintf(`
resource "jpush_schedule" "bad" {
  name = "bad_input"
  trigger = {
    periodical = { start = %q, end = %q, time = "08:00:00", time_unit = %q, frequency = 1, point = %s }
  }
%s
}`, start, end, unit, point, typedPush2)
	}
	regs := make([]string, 1001)
	for i := range regs {
		regs[i] = fmt.Sprintf("%q", fmt.Sprintf("r%04d", i))
	}
	cases := []badInputCase{
		{"push_json not JSON", single("", `push_json = "{not json"`), `(?s)Invalid push_json.*push_json`},
		{"push_json empty", single("", `push_json = ""`), `(?s)Invalid push_json.*push_json`},
		{"push_json wrong type inside", single("", `push_json = jsonencode({ platform = "all", audience = "all", notification = { alert = 5, android = "x" } })`), `(?s)Invalid push_json.*push_json`},
		{"time_to_live negative", single("", typed(all, `options = { time_to_live = -1 }`)), `push\.options\.time_to_live`},
		{"apns_collapse_id too long", single("", typed(all, `options = { apns_collapse_id = "`+strings.Repeat("c", 65)+`" }`)), `push\.options\.apns_collapse_id`},
		{"classification 2", single("", typed(all, `options = { classification = 2 }`)), `push\.options\.classification`},
		{"callback type 0", single("", typed(all, `callback = { type = 0 }`)), `push\.callback\.type`},
		{"android style 4", single("", fmt.Sprintf(`push = {
  audience     = %s
  notification = { alert = "x", android = { style = 4 } }
}`, all)), `(?s)Value out of range.*push\.notification\.android\.style:\s+is\s+4;\s+it\s+must\s+be\s+between\s+0\s+and\s+3`},
		{"time_unit weeks", periodical(start, "weeks", "null"), `(?s)Invalid time unit.*"weeks" is not a period unit:\s+use\s+day,\s+week\s+or\s+month`},
		{"platform duplicated", single("", typed(all, `platform = ["ios", "ios"]`)), `(?s)Duplicate List Value.*push\.platform`},
		{"platform empty", single("", typed(all, `platform = []`)), `push\.platform`},
		{"tag of 41 bytes", single("", typed(`{ tag = ["`+strings.Repeat("t", 41)+`"] }`, "")), `push\.audience\.tag\[0\]`},
		{"empty alias", single("", typed(`{ alias = [""] }`, "")), `push\.audience\.alias\[0\]`},
		{"1001 registration ids", single("", typed(`{ registration_id = [`+strings.Join(regs, ",")+`] }`, "")), `push\.audience\.registration_id`},
		{"enabled not a bool", single(`enabled = "maybe"`, typedPush2), `Inappropriate value for attribute "enabled"`},
		{"unknown attribute", single(`schedule_name = "x"`, typedPush2), `(?s)Unsupported argument.*schedule_name`},
		{"id set", single(`id = "x"`, typedPush2), `(?s)Invalid Configuration for Read-Only Attribute.*id`},
		{"expired set", single(`expired = true`, typedPush2), `(?s)Invalid Configuration for Read-Only Attribute.*expired`},
		{"name with emoji", p + singleConfig("hi😀", at, "true", typedPush2), `(?s)Invalid schedule name.*name`},
		{"name of 256 bytes in 86 characters", p + singleConfig(strings.Repeat("名", 85)+"a", at, "true", typedPush2), `(?s)Invalid schedule name.*name.*256 bytes`},
		{"single time month 13", p + singleConfig("ok", "2027-13-01 09:00:00", "true", typedPush2), `(?s)Invalid time.*trigger\.single\.time`},
		{"periodical start not a time", periodical("yesterday", "day", "null"), `(?s)Invalid time.*trigger\.periodical\.start`},
		{"month point twice", periodical(start, "month", `["01", "01"]`), `(?s)Invalid point.*trigger\.periodical\.point`},
		{"week point twice", periodical(start, "week", `["MON", "mon"]`), `(?s)Invalid point.*trigger\.periodical\.point`},
	}
	badInputRun(t, e, cases)
}

func TestAccBadInput_templateSchedule(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	p := e.providerConfig()
	at := rfc(e.now().Add(48 * time.Hour))
	start, end := rfc(e.now().Add(time.Hour)), rfc(e.now().Add(30*24*time.Hour))
	param := tplParam("a", `{ title = "t" }`, `{ alias = ["x"] }`, "")
	cfg := func(templateID, name, trigger string, params ...string) string {
		return p + tplConfig(templateID, name, "true", trigger, params...)
	}
	periodical := func(freq int, unit string) string {
		return fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = "08:00:00", time_unit = %q, frequency = %d } }`, start, end, unit, freq)
	}
	cases := []badInputCase{
		{"empty schedule_name", cfg("tpl1", "", tplSingle(at), param), `(?s)Invalid schedule name.*schedule_name`},
		{"schedule_name of 258 bytes in 86 characters", cfg("tpl1", strings.Repeat("名", 86), tplSingle(at), param), `(?s)Invalid schedule name.*schedule_name.*258 bytes`},
		{"schedule_name with dash", cfg("tpl1", "a-b", tplSingle(at), param), `(?s)Invalid schedule name.*schedule_name`},
		{"template_id with space", cfg("tpl 1", "n", tplSingle(at), param), `(?s)template_id`},
		{"both trigger kinds", cfg("tpl1", "n", fmt.Sprintf(`{ single = { time = %q }, periodical = { start = %q, end = %q, time = "08:00:00", time_unit = "day", frequency = 1 } }`, at, start, end), param), `(?s)Invalid trigger.*trigger: set exactly one of single and periodical, not both`},
		{"no trigger kind", cfg("tpl1", "n", `{}`, param), `(?s)Invalid trigger.*trigger: set one of single \(fire once\) and periodical`},
		{"frequency 0", cfg("tpl1", "n", periodical(0, "day"), param), `(?s)Value out of range.*trigger\.periodical\.frequency:\s+is\s+0;\s+it\s+must\s+be\s+between\s+1\s+and\s+100`},
		{"time_unit year", cfg("tpl1", "n", periodical(1, "year"), param), `(?s)Invalid time unit.*"year" is not a period unit:\s+use\s+day,\s+week\s+or\s+month`},
		{"single time not a time", cfg("tpl1", "n", tplSingle("tomorrow"), param), `(?s)Invalid time.*trigger\.single\.time`},
		{"end before start", cfg("tpl1", "n", fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = "08:00:00", time_unit = "day", frequency = 1 } }`, end, start), param), `(?s)trigger\.periodical\.end.*must be after`},
		{"negative time_to_live", cfg("tpl1", "n", tplSingle(at), tplParam("a", `{ title = "t" }`, `{ alias = ["x"] }`, `{ time_to_live = -1 }`)), `params\[0\]\.options\.time_to_live`},
		{"bad tag", cfg("tpl1", "n", tplSingle(at), tplParam("a", `{ title = "t" }`, `{ tag = ["a b"] }`, "")), `params\[0\]\.audience\.tag\[0\]`},
		{"apns_collapse_id empty", cfg("tpl1", "n", tplSingle(at), tplParam("a", `{ title = "t" }`, `{ alias = ["x"] }`, `{ apns_collapse_id = "" }`)), `params\[0\]\.options\.apns_collapse_id`},
		{"enabled not a bool", p + tplConfig("tpl1", "n", `"maybe"`, tplSingle(at), param), `Inappropriate value for attribute "enabled"`},
		{"missing template_id", p + fmt.Sprintf(`
resource "jpush_template_schedule" "test" {
  schedule_name = "n"
  trigger       = %s
  params        = [{ trace_id = "a", audience = { alias = ["x"] } }]
}`, tplSingle(at)), `(?s)Missing required argument.*template_id`},
		{"schedule_ids set", p + fmt.Sprintf(`
resource "jpush_template_schedule" "test" {
  template_id   = "tpl1"
  schedule_name = "n"
  trigger       = %s
  params        = [{ trace_id = "a", audience = { alias = ["x"] } }]
  schedule_ids  = { a = "x" }
}`, tplSingle(at)), `(?s)Invalid Configuration for Read-Only Attribute.*schedule_ids`},
	}
	badInputRun(t, e, cases)
}

func TestAccBadInput_dataSources(t *testing.T) {
	e := newAccEnv(t, nil)
	p := e.providerConfig()
	list := func(body string) string { return p + "\ndata \"jpush_schedules\" \"x\" {\n  " + body + "\n}\n" }
	msg := func(body string) string { return p + "\ndata \"jpush_schedule_msg_ids\" \"x\" {\n  " + body + "\n}\n" }
	cases := []badInputCase{
		{"schedules: empty name", list(`name = ""`), `Attribute name string length must be at least 1`},
		{"schedules: empty name_prefix", list(`name_prefix = ""`), `Attribute name_prefix string length must be at least 1`},
		{"schedules: trigger_kind upper case", list(`trigger_kind = "SINGLE"`), `"SINGLE" is not a trigger kind:\s+use\s+single\s+or\s+periodical`},
		{"schedules: trigger_kind hourly", list(`trigger_kind = "hourly"`), `"hourly" is not a trigger kind:\s+use\s+single\s+or\s+periodical`},
		{"schedules: enabled not a bool", list(`enabled = "maybe"`), `Inappropriate value for attribute "enabled"`},
		{"schedules: schedules set", list(`schedules = []`), `(?s)Invalid Configuration for Read-Only Attribute.*schedules`},
		{"schedules: unknown filter", list(`filter = "x"`), `(?s)Unsupported argument.*filter`},
		{"msg_ids: empty schedule_id", msg(`schedule_id = ""`), `Attribute schedule_id string length must be at least 1`},
		{"msg_ids: no schedule_id", msg(``), `(?s)Missing required argument.*schedule_id`},
		{"msg_ids: schedule_id a list", msg(`schedule_id = ["a"]`), `Inappropriate value for attribute "schedule_id"`},
		{"msg_ids: msg_count set", msg("schedule_id = \"a\"\n  msg_count = 3"), `(?s)Invalid Configuration for Read-Only Attribute.*msg_count`},
		{"msg_ids: id set", msg("schedule_id = \"a\"\n  id = \"a\""), `(?s)Invalid Configuration for Read-Only Attribute.*id`},
		{"msg_ids: unknown attribute", msg("schedule_id = \"a\"\n  limit = 3"), `(?s)Unsupported argument.*limit`},
	}
	badInputRun(t, e, cases)
}

func TestAccBadInput_provider(t *testing.T) {
	// Every attribute is set in the block, so JPUSH_* variables play no part.
	e := newAccEnv(t, nil)
	at := rfc(e.now().Add(48 * time.Hour))
	body := singleConfig("ok", at, "true", typedPush2)
	// prov replaces (or adds) one attribute of a working provider block.
	prov := func(attr, value string) string {
		vals := map[string]string{
			"app_key":       fmt.Sprintf("%q", emulator.DefaultAppKey),
			"master_secret": fmt.Sprintf("%q", emulator.DefaultMasterSecret),
			"endpoint":      fmt.Sprintf("%q", e.srv.URL),
		}
		vals[attr] = value
		var b strings.Builder
		b.WriteString("provider \"jpush\" {\n")
		for _, k := range []string{"app_key", "master_secret", "endpoint"} {
			fmt.Fprintf(&b, "  %s = %s\n", k, vals[k])
		}
		for k, v := range vals {
			if k != "app_key" && k != "master_secret" && k != "endpoint" {
				fmt.Fprintf(&b, "  %s = %s\n", k, v)
			}
		}
		return b.String() + "}\n" + body
	}
	endpoint := `(?s)Invalid JPush endpoint.*endpoint`
	cases := []badInputCase{
		{"endpoint not a URL", prov("endpoint", `"not a url"`), endpoint + `.*absolute URL`},
		{"endpoint without host", prov("endpoint", `"https://"`), endpoint + `.*absolute URL`},
		{"endpoint empty", prov("endpoint", `""`), endpoint},
		{"endpoint with credentials", prov("endpoint", `"https://user:pw@api.jpush.cn"`), endpoint + `.*credentials`},
		{"endpoint with query", prov("endpoint", `"https://api.jpush.cn/?x=1"`), endpoint + `.*query`},
		{"http to a private address", prov("endpoint", `"http://10.1.2.3:8080"`), endpoint + `.*loopback`},
		{"http to localhost look-alike", prov("endpoint", `"http://localhost.example.com"`), endpoint + `.*loopback`},
		{"http to 127.0.0.1 look-alike", prov("endpoint", `"http://127.0.0.1.nip.io"`), endpoint + `.*loopback`},
		{"time_zone empty", prov("time_zone", `""`), `(?s)Invalid time zone.*time_zone`},
		{"time_zone Local", prov("time_zone", `"Local"`), `(?s)Invalid time zone.*time_zone`},
		{"time_zone offset", prov("time_zone", `"UTC+8"`), `(?s)Invalid time zone.*time_zone`},
		{"request_timeout without unit", prov("request_timeout", `"30"`), `(?s)Invalid duration.*request_timeout`},
		{"request_timeout too long", prov("request_timeout", `"10m"`), `(?s)Invalid duration.*request_timeout`},
		{"request_timeout negative", prov("request_timeout", `"-1s"`), `(?s)Invalid duration.*request_timeout`},
		{"max_retries negative", prov("max_retries", `-1`), `(?s)max_retries.*between 0 and 10`},
		{"max_retries not a number", prov("max_retries", `"many"`), `Inappropriate value for attribute "max_retries"`},
		{"app_key empty", prov("app_key", `""`), `(?s)Missing JPush app key.*app_key`},
		{"app_key with a colon", prov("app_key", `"key:with:colons"`), `(?s)Invalid JPush app key.*app_key`},
		{"master_secret empty", prov("master_secret", `""`), `(?s)Missing JPush master secret.*master_secret`},
		{"unknown attribute", prov("region", `"cn"`), `(?s)Unsupported argument.*region`},
	}
	badInputRun(t, e, cases)
}
