package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// Issue 10, item 5: keys added to a schedule's push outside Terraform that
// the typed push cannot hold (sms_message, options.active_push, ...) show
// in the plan as an in-place update of push_json, and apply puts the
// configured push back.

// outOfBandExtra adds, behind Terraform's back, a key of the push that the
// typed schema cannot hold.
type outOfBandExtra struct {
	name string
	add  func(push map[string]any)
	has  func(push map[string]any) bool
}

var pushExtras = []outOfBandExtra{
	{
		name: "sms_message",
		add: func(p map[string]any) {
			p["sms_message"] = map[string]any{"temp_id": 1, "delay_time": 60, "active_filter": false}
		},
		has: func(p map[string]any) bool { _, ok := p["sms_message"]; return ok },
	},
	{
		name: "options.active_push",
		add: func(p map[string]any) {
			o, _ := p["options"].(map[string]any)
			if o == nil {
				o = map[string]any{}
				p["options"] = o
			}
			o["active_push"] = true
		},
		has: func(p map[string]any) bool {
			o, _ := p["options"].(map[string]any)
			_, ok := o["active_push"]
			return ok
		},
	},
}

// addToStoredPush PUTs the schedule's stored push with x added, the way a
// console user or a script would.
func (e *accEnv) addToStoredPush(id string, x outOfBandExtra) {
	e.t.Helper()
	push, _ := e.stored(id)["push"].(map[string]any)
	x.add(push)
	raw, err := json.Marshal(push)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := tplClient(e.t, e).UpdateSchedule(context.Background(), id, &client.ScheduleUpdate{Push: raw}); err != nil {
		e.t.Fatalf("out-of-band PUT: %v", err)
	}
	if !x.has(e.stored(id)["push"].(map[string]any)) {
		e.t.Fatalf("the emulator did not keep %s", x.name)
	}
}

func TestAccSchedule_driftOutsideTypedPush(t *testing.T) {
	forms := map[string]string{"typed": typedPush, "push_json": jsonPush}
	for _, x := range pushExtras {
		for form, push := range forms {
			t.Run(x.name+"/"+form, func(t *testing.T) {
				e := newAccEnv(t, nil)
				cfg := e.providerConfig() + singleConfig("drift", rfc(e.now().Add(3*time.Hour)), "true", push)
				var id string
				c := e.counter()
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: protoV6Factories,
					Steps: []resource.TestStep{
						{
							Config: cfg,
							Check: func(s *terraform.State) (err error) {
								id, err = idOf(s, res)
								c.delta()
								return err
							},
						},
						{
							PreConfig: func() { e.addToStoredPush(id, x); c.delta() },
							Config:    cfg,
							ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate),
								// A readable diff: push_json before holds JPush's
								// push with the extra key, after has none of it.
								pushJSONDiff{key: x.name},
							}},
							Check: func(*terraform.State) error {
								if d := c.delta(); d["PUT /v3/schedules/{id}"] != 1 || d["POST /v3/schedules"] != 0 {
									return fmt.Errorf("want one PUT and no create, got %v", d)
								}
								if p := e.stored(id)["push"].(map[string]any); x.has(p) {
									return fmt.Errorf("JPush still holds %s after apply: %v", x.name, p)
								}
								return nil
							},
						},
						{Config: cfg, PlanOnly: true},
					},
				})
			})
		}
	}
}

// pushJSONDiff checks that the plan's push_json change shows the key added
// outside Terraform leaving: present before, absent (or null) after.
type pushJSONDiff struct{ key string }

func (c pushJSONDiff) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	leaf := c.key[strings.LastIndexByte(c.key, '.')+1:]
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != res {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)["push_json"].(string)
		after, _ := rc.Change.After.(map[string]any)["push_json"].(string)
		switch {
		case !strings.Contains(before, `"`+leaf+`"`):
			resp.Error = fmt.Errorf("push_json before the change does not show %s: %q", c.key, before)
		case strings.Contains(after, `"`+leaf+`"`):
			resp.Error = fmt.Errorf("push_json after the change still has %s: %q", c.key, after)
		}
		return
	}
	resp.Error = fmt.Errorf("no change for %s", res)
}

// A schedule that has fired can never send its push again: a key added to
// its payload outside Terraform and seen only after it fired (JPush still
// returning it) must not plan anything, least of all a replacement, which
// would push again.
func TestAccSchedule_driftOutsideTypedPushAfterFiring(t *testing.T) {
	e := newAccEnv(t, nil)
	e.setMode(true, false) // fired schedules stay readable
	at := e.now().Add(time.Hour)
	cfg := e.providerConfig() + singleConfig("fired_drift", rfc(at), "true", typedPush)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(s *terraform.State) (err error) { id, err = idOf(s, res); return err }},
			{
				PreConfig: func() {
					// Changed in the console while live (JPush refuses
					// to update a fired schedule), noticed only after it
					// fired.
					e.addToStoredPush(id, pushExtras[0])
					e.srv.Advance(2 * time.Hour)
				},
				Config:           cfg,
				ConfigPlanChecks: expectEmpty(),
				Check: func(*terraform.State) error {
					if st := e.srv.Stats(); st.Creates != 1 {
						return fmt.Errorf("creates = %d, want 1: the fired schedule was pushed again", st.Creates)
					}
					return nil
				},
			},
		},
	})
}

// Switching between push and an equivalent push_json sends nothing to
// JPush either way, and an edit afterwards sends the new push.
func TestAccSchedule_switchPushForms(t *testing.T) {
	e := newAccEnv(t, nil)
	at := rfc(e.now().Add(3 * time.Hour))
	typed := e.providerConfig() + singleConfig("forms", at, "true", consolePushForms["typed"])
	asJSON := e.providerConfig() + singleConfig("forms", at, "true", consolePushForms["push_json"])
	edited := e.providerConfig() + singleConfig("forms", at, "true", strings.Replace(consolePushForms["typed"], `title = "T"`, `title = "T2"`, 1))
	c := e.counter()
	noPut := func(*terraform.State) error {
		if d := c.delta(); d["PUT /v3/schedules/{id}"] != 0 || d["POST /v3/schedules"] != 0 {
			return fmt.Errorf("want nothing sent, got %v", d)
		}
		return nil
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: typed, Check: func(s *terraform.State) (err error) { c.delta(); id, err = idOf(s, res); return err }},
			{Config: asJSON, Check: noPut},
			{Config: asJSON, PlanOnly: true},
			{Config: typed, ConfigPlanChecks: expectEmpty(), Check: noPut},
			{
				Config:           edited,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				Check: func(*terraform.State) error {
					if d := c.delta(); d["PUT /v3/schedules/{id}"] != 1 {
						return fmt.Errorf("want one PUT, got %v", d)
					}
					n := e.stored(id)["push"].(map[string]any)["notification"].(map[string]any)
					if got := n["android"].(map[string]any)["title"]; got != "T2" {
						return fmt.Errorf("stored android title %v, want T2", got)
					}
					return nil
				},
			},
			{Config: edited, PlanOnly: true},
		},
	})
}

// After an import (the state holds both push forms), a key added outside
// Terraform shows and is removed the same way, whichever form the
// configuration uses.
func TestAccSchedule_driftAfterImport(t *testing.T) {
	for form, push := range consolePushForms {
		t.Run(form, func(t *testing.T) {
			e := newAccEnv(t, nil)
			at := e.now().Add(5 * time.Hour)
			id := e.makeOutside("console", at, consolePush)
			cfg := e.providerConfig() + singleConfig("console", rfc(at), "true", push)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{
					{
						Config: cfg, ResourceName: res, ImportState: true, ImportStatePersist: true,
						ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil },
					},
					{Config: cfg, ConfigPlanChecks: expectEmpty()},
					{
						PreConfig: func() { e.addToStoredPush(id, pushExtras[0]) },
						Config:    cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate),
							pushJSONDiff{key: pushExtras[0].name},
						}},
						Check: func(*terraform.State) error {
							if p := e.stored(id)["push"].(map[string]any); pushExtras[0].has(p) {
								return fmt.Errorf("JPush still holds sms_message after apply: %v", p)
							}
							return nil
						},
					},
					{Config: cfg, PlanOnly: true},
				},
			})
		})
	}
}
