package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Whether JPush answers an update with the whole schedule or only the
// sections sent is unconfirmed (jpush-api.md §3.5). With the emulator in
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
