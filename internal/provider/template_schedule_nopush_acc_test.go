package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// Paths of jpush_template_schedule on which no push may happen that the
// configuration did not ask for: a create whose answer is lost, a create
// with enabled = false whose disable fails, an update that fails half way,
// a destroy that fails half way.

// tplProvider is the provider block with max_retries = retries.
func (e *accEnv) tplProvider(retries int, extra ...string) string {
	return testTerraformBlock + e.relProvider(retries, extra...)
}

// tplCheckCount asserts how many schedules the emulator holds and how many
// it ever created (a create made twice shows in creates).
func tplCheckCount(e *accEnv, valid, creates int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		st := e.srv.Stats()
		if st.Schedules != valid || st.Creates != creates {
			return fmt.Errorf("emulator: %d schedules, %d creates; want %d and %d", st.Schedules, st.Creates, valid, creates)
		}
		return nil
	}
}

// tplCheckAll asserts a field of every schedule the emulator holds (fired
// ones included when the emulator still shows them).
func tplCheckEnabled(e *accEnv, want bool) resource.TestCheckFunc {
	return tplCheckStored(e, func(m map[string]any) error {
		if m["enabled"] != want {
			return fmt.Errorf("enabled %v, want %v", m["enabled"], want)
		}
		return nil
	})
}

// tplCheckTainted asserts that the resource is in state, tainted or not.
func tplCheckTainted(want bool) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[tplRes]
		if !ok {
			return fmt.Errorf("%s not in state", tplRes)
		}
		if rs.Primary.Tainted != want {
			return fmt.Errorf("%s: tainted %v, want %v (id %q)", tplRes, rs.Primary.Tainted, want, rs.Primary.ID)
		}
		return nil
	}
}

// tplOutOfBand creates a template schedule behind Terraform's back, as the
// configuration of tplLost would, and returns the schedule ids.
func tplOutOfBand(t *testing.T, e *accEnv, name, at string) []string {
	t.Helper()
	tr, _ := (&trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue(at)}}).ToClient(context.Background(), e.loc)
	req := &client.TemplateScheduleRequest{ID: "tpl1", ScheduleName: name, Trigger: *tr}
	for i := 1; i <= 3; i++ {
		req.Params = append(req.Params, client.TemplateParam{
			TraceID:  fmt.Sprintf("req-%03d", i),
			Keys:     map[string]string{"title": fmt.Sprintf("Hi %d", i), "content": "c"},
			Audience: json.RawMessage(fmt.Sprintf(`{"registration_id":["1a0018970a1b2c3d4e%d"]}`, i)),
		})
		if i == 1 {
			req.Params[0].Options = json.RawMessage(`{"test_model":true,"time_to_live":600}`)
		}
	}
	res, err := tplClient(t, e).CreateTemplateSchedule(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range res.Items {
		ids = append(ids, it.ScheduleID)
	}
	return ids
}

// TestAccTemplateSchedule_lostCreateFound: JPush makes the three schedules
// but its answer is lost. The provider finds them in the list (same name,
// trigger and audiences, not there before the create) and adopts them: the
// apply succeeds, nothing is created twice, and enabled = false is applied
// to what was found.
func TestAccTemplateSchedule_lostCreateFound(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	// A schedule of the same name made before, for another audience: never adopted.
	other := tplOutOfBand(t, e, "lost_answer", rfc(e.now().Add(50*time.Hour)))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "lost_answer", "false", tplSingle(at), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy: func(*terraform.State) error {
			if ids := e.srv.ScheduleIDs(); strings.Join(ids, ",") != strings.Join(other, ",") {
				return fmt.Errorf("after destroy the emulator holds %v, want only the out-of-band %v", ids, other)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteTemplate, Kind: "drop_after_commit", Count: 1}})
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckCount(e, 6, 6),
					tplCheckTainted(false),
					resource.TestCheckResourceAttr(tplRes, "schedule_ids.%", "3"),
					func(s *terraform.State) error {
						ids, err := tplStateIDs(s)
						if err != nil {
							return err
						}
						for _, id := range ids {
							for _, o := range other {
								if id == o {
									return fmt.Errorf("adopted the out-of-band schedule %s", o)
								}
							}
							m := e.stored(id)
							if m["enabled"] != false || m["name"] != "lost_answer" {
								return fmt.Errorf("schedule %s: %v", id, m)
							}
						}
						return nil
					},
				),
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

// listsBeforeTemplateCreate is how many list calls a first apply of a
// template schedule makes up to its create: the plan's and the apply's
// reads of JPush's clock (each a new provider process, one list page each:
// planClock) and the list that notes the schedules bearing its name.
const listsBeforeTemplateCreate = 3

// lostPendingErr is the error of a template create whose outcome could not
// be settled at once.
var lostPendingErr = regexp.MustCompile(`(?s)JPush may have created.*saved\s+in\s+the\s+state.*next\s+apply`)

// TestAccTemplateSchedule_lostCreatePending: the answer is lost and the list
// that would find the schedules fails too. The resource is kept in state
// (tainted, pending); the next plain apply finds the three schedules JPush
// made, and replaces them: never six.
func TestAccTemplateSchedule_lostCreatePending(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "lost_answer", "true", tplSingle(at), threeParams("c")...)
	var made []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{
						{Route: emulator.RouteTemplate, Kind: "drop_after_commit", Count: 1},
						// The plan's and the apply's reads of JPush's clock
						// (one list page each, planClock) and the list
						// before the create pass.
						{Route: emulator.RouteList, Kind: "status_500", After: listsBeforeTemplateCreate},
					})
				},
				Config:      cfg,
				ExpectError: lostPendingErr,
			},
			{ // the refresh finds and adopts what JPush made
				PreConfig: func() {
					e.srv.ClearFaults()
					made = e.srv.ScheduleIDs()
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckTainted(true),
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 3),
				),
			},
			{ // the next apply replaces them: three schedules, never six
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckTainted(false),
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 6),
					func(*terraform.State) error {
						for _, id := range made {
							if _, ok := e.srv.Schedule(id); ok {
								return fmt.Errorf("adopted schedule %s was not replaced", id)
							}
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccTemplateSchedule_lostCreatePendingApply: the same with enabled =
// false, straight to a plain apply (what CI does) without a separate
// refresh: three schedules, disabled.
func TestAccTemplateSchedule_lostCreatePendingApply(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "lost_answer", "false", tplSingle(at), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{
						{Route: emulator.RouteTemplate, Kind: "drop_after_commit", Count: 1},
						{Route: emulator.RouteList, Kind: "status_500", After: listsBeforeTemplateCreate},
					})
				},
				Config:      cfg,
				ExpectError: lostPendingErr,
			},
			{
				PreConfig: e.srv.ClearFaults,
				Config:    cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 6),
					tplCheckEnabled(e, false),
				),
			},
		},
	})
}

// TestAccTemplateSchedule_lostCreateNotCommitted: the create never reached
// JPush's store (reset before handling). Nothing is found; the resource is
// kept pending, and the next apply, finding nothing again, creates it once.
func TestAccTemplateSchedule_lostCreateNotCommitted(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "lost_answer", "true", tplSingle(at), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteTemplate, Kind: "reset", Count: 1}})
				},
				Config:      cfg,
				ExpectError: lostPendingErr,
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 3),
				),
			},
		},
	})
}

// TestAccTemplateSchedule_lostCreatePartial: one param of three is rejected
// and the answer is lost. The two schedules JPush made are found and kept
// (tainted), the rejected param is named, and the next apply replaces them.
func TestAccTemplateSchedule_lostCreatePartial(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	good := threeParams("c")
	bad := append([]string{}, good...)
	bad[1] = tplParam("req-002", `{ title = "Hi 2", content = "x", shade = "red" }`, `{ registration_id = ["1a0018970a1b2c3d4e2"] }`, "")
	var partial []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteTemplate, Kind: "drop_after_commit", Count: 1}})
				},
				Config:      e.tplProvider(0) + tplConfig("tpl1", "lost_partial", "true", tplSingle(at), bad...),
				ExpectError: regexp.MustCompile(`(?s)params\[1\] \(trace_id "req-002"\).*no\s+schedule`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckTainted(true),
					tplCheckMapsEmulator(e, "req-001", "req-003"),
					tplCheckCount(e, 2, 2),
					func(*terraform.State) error { partial = e.srv.ScheduleIDs(); return nil },
				),
			},
			{
				Config: e.tplProvider(0) + tplConfig("tpl1", "lost_partial", "true", tplSingle(at), good...),
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 5),
					func(*terraform.State) error {
						for _, id := range partial {
							if _, ok := e.srv.Schedule(id); ok {
								return fmt.Errorf("schedule %s of the lost create was not replaced", id)
							}
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccTemplateSchedule_lostCreateAmbiguous: while the create is pending,
// someone makes the same schedules again by hand. The next apply cannot tell
// which are Terraform's: it refuses, naming every candidate, and creates
// nothing; once the extra ones are gone it adopts and replaces the rest.
func TestAccTemplateSchedule_lostCreateAmbiguous(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "lost_answer", "true", tplSingle(at), threeParams("c")...)
	var extra []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{
						{Route: emulator.RouteTemplate, Kind: "drop_after_commit", Count: 1},
						{Route: emulator.RouteList, Kind: "status_500", After: listsBeforeTemplateCreate},
					})
				},
				Config:      cfg,
				ExpectError: lostPendingErr,
			},
			{
				PreConfig: func() {
					e.srv.ClearFaults()
					extra = tplOutOfBand(t, e, "lost_answer", at)
				},
				Config: cfg,
				ExpectError: regexp.MustCompile(`(?s)Cannot tell which JPush schedules.*` +
					`req-001.*candidates.*req-002.*req-003`),
			},
			{
				PreConfig: func() {
					if st := e.srv.Stats(); st.Creates != 6 {
						t.Errorf("the refused apply created schedules: %d creates, want 6", st.Creates)
					}
					for _, id := range extra {
						if err := e.deleteOutOfBand(id); err != nil {
							t.Error(err)
						}
					}
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckCount(e, 3, 9),
				),
			},
		},
	})
}

// TestAccTemplateSchedule_disabledCreateDisableFails: enabled = false, and
// the disabling PUT fails. The schedules JPush made enabled are deleted, the
// apply fails, and the next apply creates them disabled.
func TestAccTemplateSchedule_disabledCreateDisableFails(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0) + tplConfig("tpl1", "quiet", "false", tplSingle(at), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500", After: 1, Count: 1}})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)could not be disabled.*deleted`),
			},
			{
				PreConfig: func() {
					e.srv.ClearFaults()
					if st := e.srv.Stats(); st.Schedules != 0 || st.Creates != 3 {
						t.Errorf("after the failed disable the emulator holds %d schedules (%d created), want 0 (3)", st.Schedules, st.Creates)
					}
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckEnabled(e, false),
				),
			},
		},
	})
}

// TestAccTemplateSchedule_partialUpdateThenFired: an update moving the time
// earlier reaches two schedules of three. After the new time has passed,
// the third one is still live at the old time: the resource is not expired
// and the plan is not empty.
func TestAccTemplateSchedule_partialUpdateThenFired(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	now := e.now()
	oldAt, newAt := rfc(now.Add(48*time.Hour)), rfc(now.Add(2*time.Hour))
	cfgOld := e.tplProvider(0) + tplConfig("tpl1", "moved", "true", tplSingle(oldAt), threeParams("c")...)
	cfgNew := e.tplProvider(0) + tplConfig("tpl1", "moved", "true", tplSingle(newAt), threeParams("c")...)
	var ids []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfgOld, Check: func(*terraform.State) error { ids = e.srv.ScheduleIDs(); return nil }},
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500", After: 2, Count: 1}})
				},
				Config:      cfgNew,
				ExpectError: regexp.MustCompile(`Cannot update 1 of 3 JPush schedules`),
			},
			{ // the plan still shows the move
				PreConfig:          e.srv.ClearFaults,
				Config:             cfgNew,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // and so does going back to the old time: the schedules disagree
				Config:             cfgOld,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // the new time passes: two fire, the third is live at the old time
				PreConfig: func() {
					e.srv.Advance(3 * time.Hour)
					if s, ok := e.srv.Schedule(ids[2]); !ok || !strings.Contains(string(s), e.wire(now.Add(48*time.Hour))) {
						t.Errorf("the schedule the update missed is not live at the old time: %s", s)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(tplRes, "expired", "false"),
					resource.TestCheckResourceAttr(tplRes, "schedule_ids.%", "1"),
					resource.TestCheckResourceAttrWith(tplRes, "schedule_ids.req-003", func(v string) error {
						if v != ids[2] {
							return fmt.Errorf("schedule_ids.req-003 = %q, want the live schedule %s", v, ids[2])
						}
						return nil
					}),
					resource.TestCheckResourceAttr(tplRes, "trigger.single.time", e.wire(now.Add(48*time.Hour))), // as JPush holds it
				),
			},
			{ // and the plan for the configuration is not empty; refreshed (JPush's
				// clock known), it fails: the new time has passed
				Config:             cfgNew,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ExpectError:        regexp.MustCompile(`(?s)Single time is not in the future`),
			},
		},
	})
}

// TestAccTemplateSchedule_partialUpdateRetried: after an update that failed
// for one schedule, the next plan still shows the change and the next apply
// sends it again; all three end at the new time.
func TestAccTemplateSchedule_partialUpdateRetried(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	now := e.now()
	cfgOld := e.tplProvider(0) + tplConfig("tpl1", "moved", "true", tplSingle(rfc(now.Add(48*time.Hour))), threeParams("c")...)
	cfgNew := e.tplProvider(0) + tplConfig("tpl1", "moved", "true", tplSingle(rfc(now.Add(30*time.Hour))), threeParams("c")...)
	wantWire := e.wire(now.Add(30 * time.Hour))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfgOld},
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500", After: 1, Count: 1}})
				},
				Config:      cfgNew,
				ExpectError: regexp.MustCompile(`Cannot update 1 of 3 JPush schedules`),
			},
			{
				PreConfig: e.srv.ClearFaults,
				Config:    cfgNew,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: tplCheckStored(e, func(m map[string]any) error {
					if got := m["trigger"].(map[string]any)["single"].(map[string]any)["time"]; got != wantWire {
						return fmt.Errorf("time %v, want %s", got, wantWire)
					}
					return nil
				}),
			},
			{Config: cfgNew, PlanOnly: true},
		},
	})
}

// TestAccTemplateSchedule_deleteHalfWay: one DELETE of three fails. Destroy
// fails, the state keeps exactly the schedule still in JPush, and the next
// destroy removes it.
func TestAccTemplateSchedule_deleteHalfWay(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	cfg := e.tplProvider(0) + tplConfig("tpl1", "gone", "true", tplSingle(rfc(e.now().Add(48*time.Hour))), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteDelete, Kind: "status_500", After: 1, Count: 1}})
				},
				Config:      cfg,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`Cannot delete 1 of 3 JPush schedules`),
			},
			{
				PreConfig:          e.srv.ClearFaults,
				RefreshState:       true,
				ExpectNonEmptyPlan: true, // the two deleted params are gone from state: replace
				Check: resource.ComposeAggregateTestCheckFunc(
					func(s *terraform.State) error {
						got, err := tplStateIDs(s)
						if err != nil {
							return err
						}
						live := e.srv.ScheduleIDs()
						if len(live) != 1 || len(got) != 1 {
							return fmt.Errorf("emulator holds %v, state %v; want the one schedule the destroy missed in both", live, got)
						}
						for _, id := range got {
							if id != live[0] {
								return fmt.Errorf("state holds %s, emulator %s", id, live[0])
							}
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccTemplateSchedule_destroyAfterSomeFired: two of three schedules
// are gone (fired or deleted) when destroy runs: it succeeds and deletes
// the third.
func TestAccTemplateSchedule_destroyAfterSomeGone(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	cfg := e.tplProvider(0) + tplConfig("tpl1", "gone", "true", tplSingle(rfc(e.now().Add(48*time.Hour))), threeParams("c")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error {
					for _, id := range e.srv.ScheduleIDs()[:2] {
						if err := e.deleteOutOfBand(id); err != nil {
							return err
						}
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// TestAccTemplateSchedule_outOfBandOneDisagrees: one schedule of three is
// moved outside Terraform. The plan updates all three, whether the
// configuration keeps the old time or takes the moved one's, and after the
// apply they agree and the plan is empty.
func TestAccTemplateSchedule_outOfBandOneDisagrees(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	now := e.now()
	cfgAt := func(d time.Duration) string {
		return e.tplProvider(0) + tplConfig("tpl1", "drift", "true", tplSingle(rfc(now.Add(d))), threeParams("c")...)
	}
	moved := e.wire(now.Add(60 * time.Hour))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfgAt(48 * time.Hour),
				Check: func(*terraform.State) error {
					id := e.srv.ScheduleIDs()[1]
					_, err := tplClient(t, e).UpdateSchedule(context.Background(), id, &client.ScheduleUpdate{
						Trigger: &client.Trigger{Single: &client.SingleTrigger{Time: moved}},
					})
					return err
				},
				ExpectNonEmptyPlan: true,
			},
			{Config: cfgAt(60 * time.Hour), PlanOnly: true, ExpectNonEmptyPlan: true},
			{
				Config: cfgAt(60 * time.Hour),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: tplCheckStored(e, func(m map[string]any) error {
					if got := m["trigger"].(map[string]any)["single"].(map[string]any)["time"]; got != moved {
						return fmt.Errorf("time %v, want %s", got, moved)
					}
					return nil
				}),
			},
			{Config: cfgAt(60 * time.Hour), PlanOnly: true},
		},
	})
}
