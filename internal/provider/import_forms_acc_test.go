package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 10, item 9: a schedule made outside Terraform, imported, plans
// nothing whichever form the configuration writes its push in (typed push
// or push_json), with terraform import, with an import block and with
// -generate-config-out; a single schedule that has already fired imports
// too while JPush still returns it, and fails with a clear error once it
// does not.

// consolePush is a push as the JPush console or a script would write it:
// one the typed push can hold whole.
const consolePush = `{"platform":["android","ios"],"audience":{"tag":["vip"]},` +
	`"notification":{"alert":"hi","android":{"alert":"hi","title":"T"},"ios":{"alert":"hi","badge":"+1"}},` +
	`"options":{"time_to_live":3600}}`

// The same push in each form of the configuration.
var consolePushForms = map[string]string{
	"typed": `
  push = {
    platform = ["android", "ios"]
    audience = { tag = ["vip"] }
    notification = {
      alert   = "hi"
      android = { alert = "hi", title = "T" }
      ios     = { alert = "hi", badge = "+1" }
    }
    options = { time_to_live = 3600 }
  }
`,
	"push_json": `
  push_json = jsonencode({
    platform     = ["android", "ios"]
    audience     = { tag = ["vip"] }
    notification = { alert = "hi", android = { alert = "hi", title = "T" }, ios = { alert = "hi", badge = "+1" } }
    options      = { time_to_live = 3600 }
  })
`,
}

// makeOutside creates a single schedule at at through the API, as the
// console would, and returns its id.
func (e *accEnv) makeOutside(name string, at time.Time, push string) string {
	e.t.Helper()
	return newDSMaker(e.t, e).create(&client.Schedule{
		Name: name, Enabled: true,
		Trigger: client.Trigger{Single: &client.SingleTrigger{Time: e.wire(at)}}, Push: json.RawMessage(push),
	})
}

func TestAccSchedule_importEitherForm(t *testing.T) {
	kinds := map[string]resource.ImportStateKind{
		"import command": resource.ImportCommandWithID,
		"import block":   resource.ImportBlockWithID,
	}
	for kindName, kind := range kinds {
		for form, push := range consolePushForms {
			t.Run(kindName+"/"+form, func(t *testing.T) {
				e := newAccEnv(t, nil)
				e.setMode(false, true) // the server echoes option defaults
				at := e.now().Add(5 * time.Hour)
				id := e.makeOutside("console", at, consolePush)
				cfg := e.providerConfig() + singleConfig("console", rfc(at), "true", push)
				c := e.counter()
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6Factories,
					TerraformVersionChecks:   importBlockCLI,
					Steps: []resource.TestStep{
						{
							// An import block step itself fails unless the
							// plan is a no-op import.
							Config:             cfg,
							ResourceName:       res,
							ImportState:        true,
							ImportStateKind:    kind,
							ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
							ImportStatePersist: kind == resource.ImportCommandWithID,
							ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(res, plancheck.ResourceActionNoop),
							}},
						},
						importedPlanStep(kind, cfg, id),
						{
							PreConfig: func() { c.delta() },
							Config:    cfg,
							PlanOnly:  true,
						},
					},
				})
				if d := c.delta(); d["PUT /v3/schedules/{id}"] != 0 || d["POST /v3/schedules"] != 0 {
					t.Fatalf("after import: %v, want no PUT and no create", d)
				}
				if n := e.srv.Stats().Creates; n != 1 {
					t.Fatalf("%d schedules created, want only the one made outside Terraform", n)
				}
			})
		}
	}
}

// importedPlanStep is, after a terraform import, a plan of the
// configuration that must be empty; after an import block (which left no
// state), the import applied, so that the next step plans against it.
func importedPlanStep(kind resource.ImportStateKind, cfg, id string) resource.TestStep {
	if kind == resource.ImportCommandWithID {
		return resource.TestStep{Config: cfg, ConfigPlanChecks: expectEmpty()}
	}
	return resource.TestStep{
		Config: cfg + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", res, id),
		ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(res, plancheck.ResourceActionNoop),
		}},
	}
}

// -generate-config-out writes both push forms of the imported state: the
// configuration is accepted (they describe the same push) and plans
// nothing.
func TestAccSchedule_importGenerateConfig(t *testing.T) {
	for _, untyped := range []bool{false, true} {
		t.Run(fmt.Sprintf("untyped=%v", untyped), func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.setMode(false, true)
			at := e.now().Add(5 * time.Hour)
			push := consolePush
			if untyped {
				push = strings.TrimSuffix(push, "}") + `,"sms_message":{"temp_id":7,"delay_time":60}}`
			}
			id := e.makeOutside("console", at, push)
			c := e.counter()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				TerraformVersionChecks:   importBlockCLI,
				Steps: []resource.TestStep{{
					Config:            e.providerConfig(),
					ResourceName:      "jpush_schedule.generated",
					ImportState:       true,
					ImportStateKind:   resource.ImportBlockWithID,
					GenerateConfig:    true,
					ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("jpush_schedule.generated", plancheck.ResourceActionNoop),
						generatedForms{untyped: untyped},
					}},
				}},
			})
			if d := c.delta(); d["PUT /v3/schedules/{id}"] != 0 || d["POST /v3/schedules"] != 0 {
				t.Fatalf("import with generated config: %v, want no PUT and no create", d)
			}
		})
	}
}

// generatedForms checks the planned push forms of a generated import:
// push_json always, the typed push only when it holds the whole push.
type generatedForms struct{ untyped bool }

func (g generatedForms) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if len(req.Plan.ResourceChanges) != 1 {
		resp.Error = fmt.Errorf("%d resource changes, want the one import", len(req.Plan.ResourceChanges))
		return
	}
	after, _ := req.Plan.ResourceChanges[0].Change.After.(map[string]any)
	js, _ := after["push_json"].(string)
	switch {
	case js == "":
		resp.Error = fmt.Errorf("generated import without push_json: %v", after)
	case g.untyped && after["push"] != nil:
		resp.Error = fmt.Errorf("typed push generated for a push it cannot hold: %v", after["push"])
	case !g.untyped && after["push"] == nil:
		resp.Error = fmt.Errorf("no typed push generated for a push it can hold")
	}
}

// A single schedule that has fired imports while JPush still returns it
// (expired_visible), as expired, and plans nothing; when JPush no longer
// returns it, the import fails saying so, and nothing is created. By
// default the emulator keeps the msg_ids of the fired schedule readable
// (development/jpush-api.md §10, msg_ids of a fired schedule), so the error can say it fired and when; with
// msg_ids hidden too it cannot tell fired from unknown.
func TestAccSchedule_importFired(t *testing.T) {
	for _, c := range []struct {
		name          string
		visible       bool
		msgIDsVisible bool
		wantErr       string
	}{
		{"expired_visible=true", true, true, ""},
		{"expired_visible=false", false, true, `(?s)Cannot import a JPush schedule that has already fired.*recorded\s+1\s+message`},
		{"expired_visible=false,msg_ids_visible=false", false, false, `(?s)Cannot import the JPush schedule.*already\s+fired.*no\s+longer\s+returns`},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.setMode(c.visible, false)
			msgIDsVisible := c.msgIDsVisible
			e.srv.Configure(emulator.Config{MsgIDsVisible: &msgIDsVisible})
			at := e.now().Add(time.Hour)
			id := e.makeOutside("fired", at, consolePush)
			e.srv.Advance(2 * time.Hour)
			cfg := e.providerConfig() + singleConfig("fired", rfc(at), "true", consolePushForms["typed"])
			step := resource.TestStep{
				Config:             cfg,
				ResourceName:       res,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
			}
			steps := []resource.TestStep{step}
			if c.wantErr == "" {
				steps[0].ImportStateCheck = func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["expired"] != "true" {
						return fmt.Errorf("imported %v, want one resource with expired = true", states)
					}
					return nil
				}
				steps = append(steps, resource.TestStep{Config: cfg, ConfigPlanChecks: expectEmpty()})
			} else {
				steps[0].ExpectError = regexp.MustCompile(c.wantErr)
			}
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: protoV6Factories, Steps: steps})
			if st := e.srv.Stats(); st.Creates != 1 {
				t.Fatalf("creates = %d, want only the schedule made outside", st.Creates)
			}
		})
	}
}
