package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 10, item 8: checks of the desired configuration never block a
// destroy. Terraform plans a destroy after a normal plan of the
// configuration (its pre-destroy refresh); an error there stops the
// destroy. So once a schedule has fired and its configuration has been
// edited to a time now in the past, `terraform destroy`, `terraform apply
// -destroy` and removing the resource from the configuration must all
// still delete it.

// lifecycleSchedule is a jpush_schedule "s" firing at at.
func lifecycleSchedule(name, at string) string {
	return lifecycleScheduleTrigger(name, `{ single = { time = "`+at+`" } }`)
}

// lifecycleScheduleTrigger is a jpush_schedule "s" with the trigger given in HCL.
func lifecycleScheduleTrigger(name, trigger string) string {
	return `
resource "jpush_schedule" "s" {
  name    = "` + name + `"
  trigger = ` + trigger + `
  push = {
    audience     = { all = true }
    notification = { alert = "hi" }
  }
}
`
}

// lifecycleTemplate is a jpush_template_schedule "t" of template tpl1 firing at at.
func lifecycleTemplate(name, at string) string {
	return lifecycleTemplateTrigger(name, `{ single = { time = "`+at+`" } }`)
}

// lifecycleTemplateTrigger is a jpush_template_schedule "t" of template
// tpl1 with the trigger given in HCL.
func lifecycleTemplateTrigger(name, trigger string) string {
	return `
resource "jpush_template_schedule" "t" {
  template_id   = "tpl1"
  schedule_name = "` + name + `"
  trigger       = ` + trigger + `
  params = [
    { trace_id = "a", audience = { alias = ["alice"] }, keys = { title = "T", content = "C" } },
  ]
}
`
}

func TestAccLifecycle_destroyNeverBlocked(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		how     string
		visible bool // whether JPush still returns fired schedules
	}{{"destroy", false}, {"destroy", true}, {"apply -destroy", false}, {"removed from the configuration", false}, {"removed from the configuration", true}} {
		how := c.how
		t.Run(fmt.Sprintf("%s/expired_visible=%v", strings.ReplaceAll(how, " ", "_"), c.visible), func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, nil)
			e.setMode(c.visible, false)
			e.srv.DefineTemplate("tpl1", []string{"title", "content"})
			h := newCLIHarness(t)
			n := e.now()
			at, past := rfc(n.Add(time.Hour)), rfc(n.Add(-30*time.Minute))
			p := e.providerConfig()
			h.write(p + lifecycleSchedule("fires", at) + lifecycleTemplate("fires_tpl", at))
			h.must("init")
			h.must("apply", "-auto-approve")
			if got := len(e.srv.ScheduleIDs()); got != 2 {
				t.Fatalf("after apply the emulator holds %d schedules, want 2", got)
			}
			e.srv.Advance(2 * time.Hour) // both fire
			// The user edits the times of the fired schedules; the new
			// time has passed too.
			edited := p + lifecycleSchedule("fires_again", past) + lifecycleTemplate("fires_tpl_again", past)
			h.write(edited)
			var out string
			var code int
			switch how {
			case "destroy":
				out, code = h.run("destroy", "-auto-approve")
			case "apply -destroy":
				out, code = h.run("apply", "-destroy", "-auto-approve")
			default:
				h.write(p)
				out, code = h.run("apply", "-auto-approve")
			}
			if code != 0 {
				t.Fatalf("terraform %s failed (exit %d):\n%s", how, code, out)
			}
			if !strings.Contains(out, "2 destroyed") {
				t.Errorf("terraform %s did not destroy both resources:\n%s", how, out)
			}
			if st := h.must("state", "list"); strings.TrimSpace(st) != "" {
				t.Errorf("state still lists %q", st)
			}
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
				t.Errorf("the emulator still holds %v", ids)
			}
		})
	}
}

// applyClockError is the provider's or JPush's refusal of a time.
var applyClockError = regexp.MustCompile(`Error: .*(not in the future|must be in the future|more than one year|at most one year)`)

// A time that JPush's clock has passed (or that is more than a year ahead)
// is a warning at plan, which says that applying fails, and an error at
// apply before anything is sent; for a new resource and for the edit of a
// fired one, of both resource types.
func TestAccLifecycle_clockProblemsWarnAtPlan(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	n := e.now()
	p := e.providerConfig()
	past, farAhead := rfc(n.Add(-time.Hour)), rfc(n.AddDate(1, 0, 3))
	h.must("init")

	check := func(cfg, wantWarning string) {
		t.Helper()
		h.write(p + cfg)
		before := e.srv.Stats().Creates
		out := h.must("plan")
		ws := strings.Join(warnings(out), "\n")
		if !strings.Contains(ws, wantWarning) || !strings.Contains(ws, "Applying this configuration fails") ||
			!strings.Contains(ws, "never stops terraform destroy") {
			t.Errorf("plan of %s: want a warning %q saying that applying fails; got:\n%s", cfg, wantWarning, out)
		}
		out, code := h.run("apply", "-auto-approve")
		if code == 0 || !applyClockError.MatchString(oneLine(out)) {
			t.Errorf("apply of %s: exit %d, want an error about the time:\n%s", cfg, code, out)
		}
		if got := e.srv.Stats().Creates; got != before {
			t.Errorf("apply of %s created %d schedules, want none", cfg, got-before)
		}
	}
	// New resources.
	check(lifecycleSchedule("past", past), "Single time is not in the future")
	check(lifecycleSchedule("far", farAhead), "Single time is more than one year ahead")
	check(lifecycleTemplate("past_tpl", past), "Single time is not in the future")

	// A live schedule moved to a time already past: the update is refused
	// before it is sent, and JPush keeps the old time.
	at := rfc(n.Add(time.Hour))
	h.write(p + lifecycleSchedule("fires", at))
	h.must("apply", "-auto-approve")
	puts := e.route(emulator.RouteUpdate)
	check(lifecycleSchedule("fires", past), "Single time is not in the future")
	if got := e.route(emulator.RouteUpdate); got != puts {
		t.Errorf("the refused move sent %d PUTs, want none", got-puts)
	}
	for _, id := range e.srv.ScheduleIDs() {
		if got := e.stored(id)["trigger"].(map[string]any)["single"].(map[string]any)["time"]; got != e.wire(n.Add(time.Hour)) {
			t.Errorf("JPush's time became %v, want the old %s", got, e.wire(n.Add(time.Hour)))
		}
	}

	// A fired schedule edited to a time already past.
	e.srv.Advance(2 * time.Hour)
	check(lifecycleSchedule("fires_again", rfc(n.Add(90*time.Minute))), "Single time is not in the future")
	if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
		t.Errorf("the emulator holds %v, want nothing", ids)
	}
}
