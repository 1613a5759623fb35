package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/templateschedule"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

const tplRes = "jpush_template_schedule.test"

// tplParam is one params element in HCL.
func tplParam(trace, keys, audience, options string) string {
	s := fmt.Sprintf("    {\n      trace_id = %q\n      audience = %s\n", trace, audience)
	if keys != "" {
		s += "      keys     = " + keys + "\n"
	}
	if options != "" {
		s += "      options  = " + options + "\n"
	}
	return s + "    },\n"
}

func tplConfig(templateID, name, enabled, trig string, params ...string) string {
	return fmt.Sprintf(`
resource "jpush_template_schedule" "test" {
  template_id   = %q
  schedule_name = %q
  enabled       = %s
  trigger       = %s
  params = [
%s  ]
}
`, templateID, name, enabled, trig, strings.Join(params, ""))
}

func tplSingle(at string) string { return fmt.Sprintf("{ single = { time = %q } }", at) }

// threeParams is three registration-id params of template tpl1 (keys title, content).
func threeParams(content string) []string {
	var out []string
	for i := 1; i <= 3; i++ {
		opts := ""
		if i == 1 {
			opts = "{ test_model = true, time_to_live = 600 }"
		}
		out = append(out, tplParam(fmt.Sprintf("req-%03d", i),
			fmt.Sprintf("{ title = \"Hi %d\", content = %q }", i, content),
			fmt.Sprintf("{ registration_id = [\"1a0018970a1b2c3d4e%d\"] }", i), opts))
	}
	return out
}

// tplCheckDestroy asserts that no schedule is left in the emulator.
func tplCheckDestroy(e *accEnv) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
			return fmt.Errorf("%d schedules left in the emulator after destroy: %v", len(ids), ids)
		}
		return nil
	}
}

// tplStateIDs reads schedule_ids from the state.
func tplStateIDs(s *terraform.State) (map[string]string, error) {
	rs, ok := s.RootModule().Resources[tplRes]
	if !ok {
		return nil, fmt.Errorf("%s not in state", tplRes)
	}
	out := map[string]string{}
	for k, v := range rs.Primary.Attributes {
		if t, ok := strings.CutPrefix(k, "schedule_ids."); ok && t != "%" {
			out[t] = v
		}
	}
	return out, nil
}

// tplCheckMapsEmulator asserts that schedule_ids maps the given trace ids,
// in order, to the emulator's schedules (in creation order) and nothing else.
func tplCheckMapsEmulator(e *accEnv, traces ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := tplStateIDs(s)
		if err != nil {
			return err
		}
		ids := e.srv.ScheduleIDs()
		if len(ids) != len(traces) || len(got) != len(traces) {
			return fmt.Errorf("emulator has %v, state has %v; want %d each", ids, got, len(traces))
		}
		for i, tr := range traces {
			if got[tr] != ids[i] {
				return fmt.Errorf("schedule_ids[%q] = %q, want %q (emulator order %v)", tr, got[tr], ids[i], ids)
			}
		}
		return nil
	}
}

// tplCheckStored asserts a field of every schedule in the emulator.
func tplCheckStored(e *accEnv, check func(m map[string]any) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range e.srv.ScheduleIDs() {
			if err := check(e.stored(id)); err != nil {
				return fmt.Errorf("schedule %s: %w", id, err)
			}
		}
		return nil
	}
}

func TestAccTemplateSchedule_lifecycle(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	e.srv.DefineTemplate("tpl2", []string{"title", "content"})
	now := e.now()
	at := rfc(now.Add(48 * time.Hour))
	at2 := e.wire(now.Add(72 * time.Hour)) // the other format, another instant
	c := e.counter()
	var firstIDs map[string]string
	periodical := fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = "08:30:00", time_unit = "WEEK", frequency = 1, point = ["mon", "FRI"] } }`,
		rfc(now.Add(time.Hour)), rfc(now.Add(60*24*time.Hour)))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   importBlockCLI,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{ // three params are three schedules, each trace id mapped
				Config: e.providerConfig() + tplConfig("tpl1", "order_notice", "true", tplSingle(at), threeParams("Order shipped")...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tplRes, tfjsonpath.New("schedule_ids"), knownvalue.MapSizeExact(3)),
					statecheck.ExpectKnownValue(tplRes, tfjsonpath.New("expired"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(tplRes, tfjsonpath.New("params").AtSliceIndex(0).AtMapKey("options").AtMapKey("test_model"), knownvalue.Bool(true)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					func(s *terraform.State) error {
						st := e.srv.Stats()
						if st.Schedules != 3 || st.Creates != 3 {
							return fmt.Errorf("emulator stats: %d schedules, %d creates; want 3 and 3", st.Schedules, st.Creates)
						}
						firstIDs, _ = tplStateIDs(s)
						return nil
					},
					c.checkDelta(map[string]int{emulator.RouteTemplate: 1, emulator.RouteCreate: 0}),
					resource.TestCheckResourceAttrWith(tplRes, "id", func(v string) error {
						if want := strings.Join(e.srv.ScheduleIDs(), ","); v != want {
							return fmt.Errorf("id %q, want %q", v, want)
						}
						return nil
					}),
					tplCheckStored(e, func(m map[string]any) error {
						push := m["push"].(map[string]any)
						if _, ok := push["audience"].(map[string]any)["registration_id"]; !ok {
							return fmt.Errorf("audience %v", push["audience"])
						}
						return nil
					}),
				),
			},
			{ // a name change is one PUT per schedule, no replacement
				Config: e.providerConfig() + tplConfig("tpl1", "order_notice_v2", "true", tplSingle(at), threeParams("Order shipped")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteUpdate: 3, emulator.RouteTemplate: 0, emulator.RouteDelete: 0}),
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckStored(e, func(m map[string]any) error {
						if m["name"] != "order_notice_v2" {
							return fmt.Errorf("name %v", m["name"])
						}
						return nil
					}),
				),
			},
			{ // the same instant in the other format is no diff
				Config:             e.providerConfig() + tplConfig("tpl1", "order_notice_v2", "true", tplSingle(e.wire(now.Add(48*time.Hour))), threeParams("Order shipped")...),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
			{ // disable and move the time: in place, one PUT each
				Config: e.providerConfig() + tplConfig("tpl1", "order_notice_v2", "false", tplSingle(at2), threeParams("Order shipped")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteUpdate: 3, emulator.RouteTemplate: 0}),
					tplCheckStored(e, func(m map[string]any) error {
						tr := m["trigger"].(map[string]any)["single"].(map[string]any)
						if m["enabled"] != false || tr["time"] != at2 {
							return fmt.Errorf("enabled %v, time %v; want false, %s", m["enabled"], tr["time"], at2)
						}
						return nil
					}),
				),
			},
			{ // a params change replaces every schedule
				Config: e.providerConfig() + tplConfig("tpl1", "order_notice_v2", "false", tplSingle(at2), threeParams("Order delivered")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteTemplate: 1, emulator.RouteDelete: 3, emulator.RouteUpdate: 3}),
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					func(s *terraform.State) error {
						now, _ := tplStateIDs(s)
						for tr, id := range firstIDs {
							if now[tr] == id {
								return fmt.Errorf("schedule %s of %s was not replaced", id, tr)
							}
						}
						return nil
					},
				),
			},
			{ // so does a template_id change
				Config: e.providerConfig() + tplConfig("tpl2", "order_notice_v2", "false", tplSingle(at2), threeParams("Order delivered")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
			},
			{ // and a trigger kind change
				Config: e.providerConfig() + tplConfig("tpl2", "order_notice_v2", "true", periodical, threeParams("Order delivered")...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckStored(e, func(m map[string]any) error {
						if _, ok := m["trigger"].(map[string]any)["periodical"]; !ok {
							return fmt.Errorf("trigger %v", m["trigger"])
						}
						return nil
					}),
				),
			},
			{ // case differences echoed or written are no diff
				Config:   e.providerConfig() + tplConfig("tpl2", "order_notice_v2", "true", strings.ReplaceAll(periodical, "WEEK", "week"), threeParams("Order delivered")...),
				PlanOnly: true,
			},
			{ // import of the three ids (import block) records the keys, sending nothing
				Config:          e.providerConfig() + tplConfig("tpl2", "order_notice_v2", "true", periodical, threeParams("Order delivered")...),
				ResourceName:    tplRes,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				// JPush returns neither template_id nor keys: the import's plan
				// records them from the configuration in place (issue 20).
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate)}},
			},
			{ // as does an import with trace_id=schedule_id pairs
				Config:          e.providerConfig() + tplConfig("tpl2", "order_notice_v2", "true", periodical, threeParams("Order delivered")...),
				ResourceName:    tplRes,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				// JPush returns neither template_id nor keys: the import's plan
				// records them from the configuration in place (issue 20).
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate)}},
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					m, err := tplStateIDs(s)
					if err != nil {
						return "", err
					}
					var parts []string
					for _, tr := range []string{"req-001", "req-002", "req-003"} {
						parts = append(parts, tr+"="+m[tr])
					}
					return strings.Join(parts, ","), nil
				},
			},
		},
	})
}

// tplClient is a JPush client for the emulator, to set up schedules
// without Terraform.
func tplClient(t *testing.T, e *accEnv) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		Endpoint: e.srv.URL, AppKey: emulator.DefaultAppKey,
		MasterSecret: emulator.DefaultMasterSecret, MaxRetries: 1, RequestTimeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAccTemplateSchedule_importWorkflow imports schedules made outside
// Terraform: the matching configuration's first plan records its
// template_id, keys and trace ids in place (JPush returns none of them),
// sending nothing; from then on params changes replace; a configuration
// that does not match plans a replacement.
func TestAccTemplateSchedule_importWorkflow(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(30 * time.Hour))
	cl := tplClient(t, e)
	var ids []string
	tr, _ := (&trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue(at)}}).ToClient(context.Background(), e.loc)
	res, err := cl.CreateTemplateSchedule(context.Background(), &client.TemplateScheduleRequest{
		ID: "tpl1", ScheduleName: "imported", Trigger: *tr,
		Params: []client.TemplateParam{
			{TraceID: "a", Keys: map[string]string{"title": "t", "content": "c"}, Audience: json.RawMessage(`{"alias":["alice"]}`), Options: json.RawMessage(`{"test_model":true}`)},
			{TraceID: "b", Keys: map[string]string{"title": "t", "content": "c"}, Audience: json.RawMessage(`{"alias":["bob"]}`)},
			{TraceID: "c", Keys: map[string]string{"title": "t", "content": "c"}, Audience: json.RawMessage(`{"alias":["carol","dave"]}`)},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range res.Items {
		ids = append(ids, it.ScheduleID)
	}
	keys := `{ title = "t", content = "c" }`
	params := []string{
		tplParam("a", keys, `{ alias = ["alice"] }`, `{ test_model = true }`),
		tplParam("b", keys, `{ alias = ["bob"] }`, ""),
		tplParam("c", keys, `{ alias = ["carol", "dave"] }`, ""),
	}
	cfg := e.providerConfig() + tplConfig("tpl1", "imported", "true", tplSingle(at), params...)
	c := e.counter()

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       tplRes,
				ImportState:        true,
				ImportStateId:      strings.Join(ids, ","),
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("%d states", len(states))
					}
					a := states[0].Attributes
					if a["schedule_name"] != "imported" || a["enabled"] != "true" || a["params.#"] != "3" ||
						a["params.2.audience.alias.1"] != "dave" || a["params.0.options.test_model"] != "true" {
						return fmt.Errorf("imported state %v", a)
					}
					return nil
				},
			},
			{ // the equivalent configuration records template_id and keys in place, sending nothing
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteUpdate: 0, emulator.RouteTemplate: 0, emulator.RouteDelete: 0}),
					resource.TestCheckResourceAttr(tplRes, "template_id", "tpl1"),
					resource.TestCheckResourceAttr(tplRes, "params.0.keys.title", "t"),
				),
			},
			{ // a later update is an ordinary one
				Config: strings.Replace(cfg, `"imported"`, `"imported_v2"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteUpdate: 3, emulator.RouteTemplate: 0, emulator.RouteDelete: 0}),
					tplCheckMapsEmulator(e, "a", "b", "c"),
					resource.TestCheckResourceAttr(tplRes, "template_id", "tpl1"),
					resource.TestCheckResourceAttr(tplRes, "params.0.keys.title", "t"),
				),
			},
			{ // from then on, params changes replace
				Config: strings.Replace(strings.Replace(cfg, `"imported"`, `"imported_v2"`, 1), `"bob"`, `"bobby"`, 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: tplCheckMapsEmulator(e, "a", "b", "c"),
			},
		},
	})
}

// TestAccTemplateSchedule_importMismatch: a configuration whose audiences do
// not match the imported schedules plans a replacement.
func TestAccTemplateSchedule_importMismatch(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	at := rfc(e.now().Add(30 * time.Hour))
	cl := tplClient(t, e)
	tr, _ := (&trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue(at)}}).ToClient(context.Background(), e.loc)
	res, err := cl.CreateTemplateSchedule(context.Background(), &client.TemplateScheduleRequest{
		ID: "tpl1", ScheduleName: "imported", Trigger: *tr,
		Params: []client.TemplateParam{{TraceID: "a", Keys: map[string]string{"title": "t"}, Audience: json.RawMessage(`{"tag":["vip"]}`)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := e.providerConfig() + tplConfig("tpl1", "imported", "true", tplSingle(at),
		tplParam("a", `{ title = "t" }`, `{ tag = ["beta"] }`, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       tplRes,
				ImportState:        true,
				ImportStateId:      "a=" + res.Items[0].ScheduleID,
				ImportStatePersist: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "a"),
					resource.TestCheckResourceAttr(tplRes, "params.0.audience.tag.0", "beta"),
				),
			},
		},
	})
}

// TestAccTemplateSchedule_partialFailure: JPush rejects one param of three.
// The error names it; the two created schedules are in state (tainted), get
// replaced by the next apply and are gone after destroy.
func TestAccTemplateSchedule_partialFailure(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	good := threeParams("Order shipped")
	bad := append([]string{}, good...)
	bad[1] = tplParam("req-002", `{ title = "Hi 2", content = "x", shade = "red" }`, `{ registration_id = ["1a0018970a1b2c3d4e2"] }`, "")
	var partial []string

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      e.providerConfig() + tplConfig("tpl1", "order_notice", "true", tplSingle(at), bad...),
				ExpectError: regexp.MustCompile(`(?s)params\[1\] \(trace_id "req-002"\): code 1003:.*shade`),
			},
			{ // the two created schedules are in state
				RefreshState:       true,
				ExpectNonEmptyPlan: true, // tainted
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-003"),
					resource.TestCheckResourceAttr(tplRes, "params.#", "2"),
					func(s *terraform.State) error {
						if !s.RootModule().Resources[tplRes].Primary.Tainted {
							return fmt.Errorf("resource not tainted")
						}
						partial = e.srv.ScheduleIDs()
						return nil
					},
				),
			},
			{ // fixing the param replaces them: three schedules, none orphaned
				Config: e.providerConfig() + tplConfig("tpl1", "order_notice", "true", tplSingle(at), good...),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					func(*terraform.State) error {
						for _, id := range partial {
							if _, ok := e.srv.Schedule(id); ok {
								return fmt.Errorf("partly created schedule %s was not deleted", id)
							}
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccTemplateSchedule_partialFailureDestroy: after a partly failed
// create, destroy alone removes the created schedules.
func TestAccTemplateSchedule_partialFailureDestroy(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	at := rfc(e.now().Add(48 * time.Hour))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{{
			Config: e.providerConfig() + tplConfig("tpl1", "notice", "true", tplSingle(at),
				tplParam("a", `{ title = "A" }`, `{ alias = ["alice"] }`, ""),
				tplParam("b", `{ title = "B" }`, `{ alias = ["bob"] }`, `{ big_push_duration = 1400 }`),
				tplParam("c", `{ nope = "C" }`, `{ alias = ["carol"] }`, ""),
			),
			ExpectError: regexp.MustCompile(`(?s)params\[2\] \(trace_id "c"\): code 1003.*kept in\s+state`),
		}},
	})
	if n := e.srv.Stats().Creates; n != 2 {
		t.Fatalf("creates = %d, want 2", n)
	}
}

// TestAccTemplateSchedule_disappears: schedules deleted outside Terraform.
func TestAccTemplateSchedule_disappears(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.providerConfig() + tplConfig("tpl1", "order_notice", "true", tplSingle(at), threeParams("x")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(*terraform.State) error { // one of three gone: the next plan replaces
					return e.deleteOutOfBand(e.srv.ScheduleIDs()[1])
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
			},
			{
				Config: cfg,
				Check: func(*terraform.State) error { // all gone: re-created
					for _, id := range e.srv.ScheduleIDs() {
						if err := e.deleteOutOfBand(id); err != nil {
							return err
						}
					}
					return nil
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionCreate),
				}},
				Check: tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
			},
		},
	})
}

// TestAccTemplateSchedule_expired: once fired, the plan stays empty and
// destroy forgets the schedules.
func TestAccTemplateSchedule_expired(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(2 * time.Hour))
	cfg := e.providerConfig() + tplConfig("tpl1", "order_notice", "true", tplSingle(at), threeParams("x")...)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(*terraform.State) error { e.srv.Advance(3 * time.Hour); return nil }},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(tplRes, tfjsonpath.New("expired"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(tplRes, tfjsonpath.New("schedule_ids"), knownvalue.MapSizeExact(3)),
				},
			},
		},
	})
}

// TestAccTemplateSchedule_planErrors: bad configurations fail at plan,
// naming the attribute, without a single API call.
func TestAccTemplateSchedule_planErrors(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	at := rfc(e.now().Add(48 * time.Hour))
	p := func(trace, aud string) string { return tplParam(trace, `{ title = "t" }`, aud, "") }
	regs := func(prefix string, n int) string {
		var ids []string
		for i := 0; i < n; i++ {
			ids = append(ids, fmt.Sprintf("%q", fmt.Sprintf("%s%05d", prefix, i)))
		}
		return "{ registration_id = [" + strings.Join(ids, ", ") + "] }"
	}
	cases := []struct {
		name, cfg, want string
	}{
		{"empty template_id", tplConfig("", "n", "true", tplSingle(at), p("a", `{ tag = ["x"] }`)), `Attribute template_id must be a non-empty template id`},
		{"no params", tplConfig("tpl1", "n", "true", tplSingle(at)), `Attribute params list must contain at least 1`},
		{"empty trace_id", tplConfig("tpl1", "n", "true", tplSingle(at), p("", `{ alias = ["x"] }`)), `params\[0\]\.trace_id`},
		{"duplicate trace_id", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ alias = ["x"] }`), p("a", `{ alias = ["y"] }`)), `params\[1\]\.trace_id`},
		{"kinds mixed across params", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ registration_id = ["r1"] }`), p("b", `{ alias = ["y"] }`)), `params\[1\]\.audience uses alias`},
		{"kinds mixed in a param", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ tag = ["t"], alias = ["y"] }`)), `params\[0\]\.audience combines alias and tag`},
		{"tag with two params", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ tag = ["t"] }`), p("b", `{ tag_and = ["u"] }`)), `params: A tag audience allows exactly one`},
		{"broadcast with two params", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ all = true }`), p("b", `{ all = true }`)), `params: A broadcast`},
		{"segment with two params", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ segment = ["s1"] }`), p("b", `{ segment = ["s2"] }`)), `params: A segment audience`},
		{"segment with two ids", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ segment = ["s1", "s2"] }`)), `params\[0\]\.audience\.segment`},
		{"too many registration ids", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", regs("a", 600)), p("b", regs("b", 401))), `params: 1001 registration_id`},
		{"empty audience", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{}`)), `params\[0\]\.audience:`},
		{"broadcast mixed", tplConfig("tpl1", "n", "true", tplSingle(at), p("a", `{ all = true, tag = ["x"] }`)), `params\[0\]\.audience\.all`},
		{"bad name", tplConfig("tpl1", "bad name!", "true", tplSingle(at), p("a", `{ alias = ["x"] }`)), `(?s)Invalid schedule name.*schedule_name = "bad name!"`},
		{"bad week point", tplConfig("tpl1", "n", "true",
			fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = "08:00:00", time_unit = "week", frequency = 1, point = ["MON", "XYZ"] } }`,
				at, rfc(e.now().Add(30*24*time.Hour))), p("a", `{ alias = ["x"] }`)), `trigger\.periodical\.point\[1\]`},
		{"bad options", tplConfig("tpl1", "n", "true", tplSingle(at), tplParam("a", `{ title = "t" }`, `{ alias = ["x"] }`, `{ big_push_duration = 5000 }`)), `params\[0\]\.options\.big_push_duration`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config:      e.providerConfig() + c.cfg,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps:                    steps,
	})
	e.checkOnlyClockProbes(len(cases))
}

func TestTemplateScheduleSchemaDescriptions(t *testing.T) {
	var missing []string
	s := templateschedule.ResourceSchema(&conn.Zone{})
	for name, a := range s.Attributes {
		collectMissingDescriptions(name, a, &missing)
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Fatalf("attributes without a MarkdownDescription: %v", missing)
	}
}

// collectMissingDescriptions walks a resource or data source attribute and
// records every attribute without a MarkdownDescription.
func collectMissingDescriptions(name string, a any, missing *[]string) {
	if d, ok := a.(interface{ GetMarkdownDescription() string }); ok && d.GetMarkdownDescription() == "" {
		*missing = append(*missing, name)
	}
	var nested map[string]any
	add := func(m any) {
		switch x := m.(type) {
		case map[string]rschema.Attribute:
			for k, v := range x {
				nested[k] = v
			}
		case map[string]dsschema.Attribute:
			for k, v := range x {
				nested[k] = v
			}
		}
	}
	nested = map[string]any{}
	switch x := a.(type) {
	case rschema.SingleNestedAttribute:
		add(x.Attributes)
	case rschema.ListNestedAttribute:
		add(x.NestedObject.Attributes)
	case dsschema.SingleNestedAttribute:
		add(x.Attributes)
	case dsschema.ListNestedAttribute:
		add(x.NestedObject.Attributes)
	}
	for k, v := range nested {
		collectMissingDescriptions(name+"."+k, v, missing)
	}
}

// TestAccTemplateSchedule_normalizeDisabled: created disabled (one template
// call, then one PUT per schedule) against a server that echoes option
// defaults and upper-case time units: no diff, and import plans nothing.
func TestAccTemplateSchedule_normalizeDisabled(t *testing.T) {
	e := newAccEnv(t, nil)
	e.setMode(false, true)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	now := e.now()
	trig := fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = "08:30:00", time_unit = "week", frequency = 2, point = ["mon", "thu"] } }`,
		e.wire(now.Add(time.Hour)), rfc(now.Add(90*24*time.Hour)))
	cfg := e.providerConfig() + tplConfig("tpl1", "夜间提醒_1", "false", trig,
		tplParam("a", `{ title = "A" }`, `{ alias = ["alice"] }`, `{ apns_production = true, classification = 1 }`),
		tplParam("b", `{ title = "B" }`, `{ alias = ["bob", "bert"] }`, `{ time_to_live = 86400 }`),
	)
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		TerraformVersionChecks:   importBlockCLI,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					c.checkDelta(map[string]int{emulator.RouteTemplate: 1, emulator.RouteUpdate: 2}),
					tplCheckMapsEmulator(e, "a", "b"),
					resource.TestCheckResourceAttr(tplRes, "enabled", "false"),
					tplCheckStored(e, func(m map[string]any) error {
						if m["enabled"] != false {
							return fmt.Errorf("enabled %v", m["enabled"])
						}
						return nil
					}),
				),
			},
			{Config: cfg, PlanOnly: true},
			{
				Config: cfg, ResourceName: tplRes, ImportState: true, ImportStateKind: resource.ImportBlockWithID,
				// JPush returns neither template_id nor keys: the import's plan
				// records them from the configuration in place (issue 20).
				ExpectNonEmptyPlan: true,
				ImportPlanChecks:   resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tplRes, plancheck.ResourceActionUpdate)}},
			},
		},
	})
}
