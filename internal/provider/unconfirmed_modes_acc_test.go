package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Tests of the provider against the emulator's modes for behaviour that
// development/jpush-api.md §10 lists as unconfirmed; the defaults are covered
// everywhere else.

// Whether JPush answers an update with the whole schedule or only the
// sections sent is unconfirmed (development/jpush-api.md §5.5). With the emulator in
// its "submitted" mode, in-place updates still land whole and plan clean.
func TestAccSchedule_updateEchoSubmitted(t *testing.T) {
	e := newAccEnv(t, nil)
	mode := "submitted"
	e.srv.Configure(emulator.Config{UpdateEcho: &mode})
	at := e.wire(e.now().Add(48 * time.Hour))
	cfg := func(name, alert string) string {
		return e.providerConfig() + fmt.Sprintf(`
resource "jpush_schedule" "echo" {
  name    = %q
  enabled = false
  trigger = { single = { time = %q } }
  push = {
    audience     = { all = true }
    notification = { alert = %q }
  }
}
`, name, at, alert)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg("echo_one", "first")},
			{
				Config: cfg("echo_two", "second"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("jpush_schedule.echo", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(s *terraform.State) error {
					id, err := idOf(s, "jpush_schedule.echo")
					if err != nil {
						return err
					}
					got := e.stored(id)
					alert := got["push"].(map[string]any)["notification"].(map[string]any)["alert"]
					if got["name"] != "echo_two" || got["enabled"] != false || alert != "second" {
						return fmt.Errorf("stored schedule not updated whole: %v", got)
					}
					return nil
				},
			},
		},
	})
}

// JPush's documentation shows 8404 (and 8400) in its examples where its
// error table says 8104 (and 8100). Under the "doc" codes, a schedule
// deleted out of band is still re-created, and one that fired still stays
// in state as expired without a new push.
func TestAccSchedule_docErrorCodes(t *testing.T) {
	e := newAccEnv(t, nil)
	variant := "doc"
	e.srv.Configure(emulator.Config{ErrorCodeVariant: &variant})
	p := e.providerConfig()
	live := singleConfig("doc_codes_live", rfc(e.now().Add(4*time.Hour)), "true", typedPush2)
	fires := singleConfig("doc_codes_fires", rfc(e.now().Add(time.Hour)), "true", typedPush2)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: p + live,
				Check: func(s *terraform.State) error {
					id, err := idOf(s, res)
					if err != nil {
						return err
					}
					return e.deleteOutOfBand(id)
				},
				ExpectNonEmptyPlan: true,
			},
			{Config: p + live, ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate)},
			{Config: p + fires, ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate)},
			{
				PreConfig:        func() { e.srv.Advance(2 * time.Hour) },
				Config:           p + fires,
				ConfigPlanChecks: expectEmpty(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("expired"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if n := e.srv.Stats().Creates; n != 2 {
						return fmt.Errorf("creates = %d, want 2 (the fired schedule was re-created)", n)
					}
					return nil
				},
			},
		},
	})
}
