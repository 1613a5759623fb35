package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Issue 10, item 10: a trigger whose kind is known only at apply (here a
// terraform_data output, unknown at plan whenever its input changes) must
// never end in "Provider produced inconsistent final plan", for a create
// and for an update, of both resources.

// unknownKindConfig is a terraform_data "kind" whose output picks the
// trigger of a jpush_schedule "s" and a jpush_template_schedule "t".
func unknownKindConfig(p, kind, at, start, end string) string {
	trigger := fmt.Sprintf(`local.use_single ? {
    single     = { time = %q }
    periodical = null
  } : {
    single     = null
    periodical = { start = %q, end = %q, time = "10:00:00", time_unit = "day", frequency = 1, point = null }
  }`, at, start, end)
	return p + fmt.Sprintf(`
resource "terraform_data" "kind" {
  input = %q
}

locals {
  use_single = trimspace(terraform_data.kind.output) == "single"
}

resource "jpush_schedule" "s" {
  name    = "unknown_kind"
  trigger = %s
  push = {
    audience     = { all = true }
    notification = { alert = "hi" }
  }
}

resource "jpush_template_schedule" "t" {
  template_id   = "tpl1"
  schedule_name = "unknown_kind_tpl"
  trigger       = %s
  params = [
    { trace_id = "a", audience = { alias = ["alice"] }, keys = { title = "T", content = "C" } },
  ]
}
`, kind, trigger, trigger)
}

// storedKinds returns the trigger kind of every schedule in the emulator.
func (e *accEnv) storedKinds() []string {
	var kinds []string
	for _, id := range e.srv.ScheduleIDs() {
		trig, _ := e.stored(id)["trigger"].(map[string]any)
		for k := range trig {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

func checkKinds(e *accEnv, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		kinds := e.storedKinds()
		if len(kinds) != 2 || kinds[0] != want || kinds[1] != want {
			return fmt.Errorf("emulator schedules have triggers %v, want two %s", kinds, want)
		}
		return nil
	}
}

func TestAccLifecycle_unknownTriggerKind(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	n := e.now()
	at, at2 := rfc(n.Add(2*time.Hour)), rfc(n.Add(4*time.Hour))
	start, end := rfc(n.Add(time.Hour)), rfc(n.Add(10*24*time.Hour))
	p := e.providerConfig()
	replaced := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction("jpush_schedule.s", plancheck.ResourceActionDestroyBeforeCreate),
		plancheck.ExpectResourceAction("jpush_template_schedule.t", plancheck.ResourceActionDestroyBeforeCreate),
	}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{ // create, kind unknown at plan
				Config: unknownKindConfig(p, "single", at, start, end),
				Check:  checkKinds(e, "single"),
			},
			{ // update single -> periodical, kind unknown at plan
				Config:           unknownKindConfig(p, "periodical", at, start, end),
				ConfigPlanChecks: replaced,
				Check:            checkKinds(e, "periodical"),
			},
			{ // update periodical -> single
				Config:           unknownKindConfig(p, "single", at2, start, end),
				ConfigPlanChecks: replaced,
				Check:            checkKinds(e, "single"),
			},
			{ // the input changes but the kind stays: still unknown at plan
				Config:           unknownKindConfig(p, "single ", at2, start, end),
				ConfigPlanChecks: replaced,
				Check:            checkKinds(e, "single"),
			},
		},
	})
}

// The plan of an update whose trigger kind is unknown says why it
// replaces the schedule.
func TestAccLifecycle_unknownTriggerKindWarns(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	n := e.now()
	at, start, end := rfc(n.Add(2*time.Hour)), rfc(n.Add(time.Hour)), rfc(n.Add(10*24*time.Hour))
	p := e.providerConfig()
	h.write(unknownKindConfig(p, "single", at, start, end))
	h.must("init")
	h.must("apply", "-auto-approve")
	h.write(unknownKindConfig(p, "periodical", at, start, end))
	out := h.must("plan", "-json")
	got := map[string]bool{}
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "warning" && strings.Contains(d.Summary, "Trigger known only at apply") &&
			strings.Contains(d.Detail, "single to periodical or back") {
			got[d.Address] = true
		}
	}
	if !got["jpush_schedule.s"] || !got["jpush_template_schedule.t"] {
		t.Fatalf("want a warning on each resource, got %v:\n%s", got, out)
	}
}

// unknownTimeConfig takes the single time of both resources from a
// terraform_data output: the kind is known at plan, the time is not.
func unknownTimeConfig(p, at string) string {
	return p + fmt.Sprintf(`
resource "terraform_data" "at" {
  input = %q
}
`, at) + lifecycleScheduleTrigger("unknown_time", `{ single = { time = terraform_data.at.output } }`) +
		lifecycleTemplateTrigger("unknown_time_tpl", `{ single = { time = terraform_data.at.output } }`)
}

// A time known only at apply, of a known kind, updates in place (create
// and update of both resources), with no inconsistent final plan.
func TestAccLifecycle_unknownTriggerTime(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	n := e.now()
	at, at2 := n.Add(2*time.Hour), n.Add(4*time.Hour)
	p := e.providerConfig()
	checkTimes := func(want time.Time) resource.TestCheckFunc {
		return func(*terraform.State) error {
			ids := e.srv.ScheduleIDs()
			if len(ids) != 2 {
				return fmt.Errorf("emulator holds %v, want 2 schedules", ids)
			}
			for _, id := range ids {
				got := e.stored(id)["trigger"].(map[string]any)["single"].(map[string]any)["time"]
				if got != e.wire(want) {
					return fmt.Errorf("schedule %s fires at %v, want %s", id, got, e.wire(want))
				}
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{Config: unknownTimeConfig(p, rfc(at)), Check: checkTimes(at)},
			{
				Config: unknownTimeConfig(p, rfc(at2)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("jpush_schedule.s", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("jpush_template_schedule.t", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeTestCheckFunc(checkTimes(at2), func(*terraform.State) error {
					if st := e.srv.Stats(); st.Creates != 2 {
						return fmt.Errorf("%d creates, want 2 (updated in place)", st.Creates)
					}
					return nil
				}),
			},
		},
	})
}
