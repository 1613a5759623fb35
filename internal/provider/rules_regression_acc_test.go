package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Configurations that passed plan and were rejected by JPush at apply
// (issue 11). Each now fails at plan, naming the attribute (and, for
// push_json, the JSON path inside it), without a single API call.
func TestAccSchedule_rulesAgreeWithJPushAtPlan(t *testing.T) {
	e := newAccEnv(t, nil)
	future := rfc(e.now().Add(2 * time.Hour))
	single := func(push string) string {
		return fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name    = "rules"
  trigger = { single = { time = %q } }
%s
}`, future, push)
	}
	typed := func(audience, rest string) string {
		return single(fmt.Sprintf("push = {\n audience = %s\n %s\n}", audience, rest))
	}
	pj := func(body string) string { return single("push_json = jsonencode(" + body + ")") }
	alert := `notification = { alert = "hi" }`
	big := strings.Repeat("x", 50*1024)
	tags21 := `["t1"` + strings.Repeat(`, "t"`, 0) + func() string {
		var b strings.Builder
		for i := 2; i <= 21; i++ {
			fmt.Fprintf(&b, `, "t%d"`, i)
		}
		return b.String()
	}() + `]`

	cases := []struct{ name, config, want string }{
		{"typed tag with a Latin accent", typed(`{ tag = ["café"] }`, alert), `(?s)Invalid tag or alias.*push\.audience\.tag\[0\].*'é'`},
		{"typed tag in Cyrillic", typed(`{ tag = ["Жук"] }`, alert), `(?s)Invalid tag or alias.*push\.audience\.tag\[0\]`},
		{"typed alias in hiragana", typed(`{ alias = ["ひらがな"] }`, alert), `(?s)Invalid tag or alias.*push\.audience\.alias\[0\]`},
		{"typed 50 KB android alert", typed(`{ all = true }`, `notification = { android = { alert = "`+big+`" } }`), `(?s)Message body too large.*push\.notification\.android`},
		{"typed platform all", typed(`{ all = true }`, alert+"\n platform = [\"all\"]"), `(?s)push\.platform\[0\].*omit`},
		{"push_json 50 KB android payload", pj(`{ platform = ["android"], audience = "all", notification = { android = { alert = "` + big + `" } } }`), `(?s)push_json: notification\.android: Message body too large.*1005`},
		{"push_json 21 tags", pj(`{ platform = "all", audience = { tag = ` + tags21 + ` }, notification = { alert = "x" } }`), `(?s)push_json: audience\.tag.*at most 20`},
		{"push_json tag charset", pj(`{ platform = "all", audience = { tag = ["ok", "Жук"] }, notification = { alert = "x" } }`), `(?s)push_json: audience\.tag\[1\]`},
		{"push_json duplicate platform", pj(`{ platform = ["ios", "ios"], audience = "all", notification = { alert = "x" } }`), `(?s)push_json: platform\[1\].*duplicates`},
		{"push_json android without text", pj(`{ platform = "all", audience = "all", notification = { android = { title = "t" } } }`), `(?s)push_json: notification\.android\.alert`},
		{"push_json audience all = true", pj(`{ platform = "all", audience = { all = true }, notification = { alert = "x" } }`), `(?s)push_json: audience\.all.*"all"`},
	}
	// The cases run in parallel inside one group, which returns only when
	// all of them have: the count below sees every request they made.
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6Factories,
					Steps: []resource.TestStep{{
						Config:      e.providerConfig() + c.config,
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(c.want),
					}},
				})
			})
		}
	})
	if n := e.requests(); n != 0 {
		t.Errorf("plan-time validation made %d API requests, want 0: %v", n, e.srv.Stats().Requests)
	}
}

// An import id that is not a schedule id (here the schedule's name) is
// refused before any API call, saying what an id looks like.
func TestAccSchedule_importIDNotAScheduleID(t *testing.T) {
	e := newAccEnv(t, nil)
	// One group, so that the count below runs after the parallel cases.
	t.Run("ids", func(t *testing.T) {
		for _, id := range []string{"promo_weekly", "6f1c9a2e-3b7d-4c55-9e21", " 6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f"} {
			t.Run(id, func(t *testing.T) {
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6Factories,
					Steps: []resource.TestStep{{
						Config: e.providerConfig() + `
resource "jpush_schedule" "x" {
  name    = "x"
  trigger = { single = { time = "2030-01-01 09:00:00" } }
` + typedPush2 + `
}`,
						ResourceName:  "jpush_schedule.x",
						ImportState:   true,
						ImportStateId: id,
						ExpectError:   regexp.MustCompile(`(?s)Invalid import id.*not a JPush schedule id.*UUID.*6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f`),
					}},
				})
			})
		}
	})
	if n := e.requests(); n != 0 {
		t.Errorf("import of a malformed id made %d API requests, want 0: %v", n, e.srv.Stats().Requests)
	}
}

// point is a set: reordering or re-casing the points plans nothing (and
// sends nothing); adding one is an update.
func TestAccSchedule_pointIsASet(t *testing.T) {
	e := newAccEnv(t, nil)
	n := e.now()
	start, end := rfc(n.Add(time.Hour)), rfc(n.Add(60*24*time.Hour))
	cfg := func(points string) string {
		return e.providerConfig() + fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name = "weekly"
  trigger = {
    periodical = {
      start = %q
      end = %q
      time = "08:00:00"
      time_unit = "week"
      frequency = 1
      point = %s
    }
  }
%s
}`, start, end, points, typedPush2)
	}
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg(`["MON", "WED", "fri"]`)},
			{Config: cfg(`["wed", "FRI", "mon"]`), PlanOnly: true},
			{Config: cfg(`["Fri", "mon", "WED"]`), PlanOnly: true},
			{Config: cfg(`["MON", "WED", "FRI", "SUN"]`), ExpectNonEmptyPlan: true, PlanOnly: true},
		},
	})
	if d := c.delta(); d["PUT /v3/schedules/{id}"] != 0 || d["POST /v3/schedules"] != 1 {
		t.Fatalf("requests %v: want one create and no update", d)
	}
}
