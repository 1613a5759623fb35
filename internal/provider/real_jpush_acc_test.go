//go:build realjpush

package provider

// The lifecycle of a jpush_schedule against a real JPush app, for a user who
// opts in with `make testacc-real` (the build tag realjpush) and exports
// JPUSH_APP_KEY and JPUSH_MASTER_SECRET (and JPUSH_ENDPOINT for the Beijing
// data centre). It is never compiled into the default suite, so CI neither
// runs nor skips it.
//
// It is careful with real phones: the schedule is disabled right after it is
// created (JPush only creates enabled schedules), fires 300 days from now at
// the earliest, targets a tag no device is expected to carry, and is sent in
// test_model (test devices only). It is deleted at the end.

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

func TestAccRealJPush_scheduleLifecycle(t *testing.T) {
	for _, env := range []string{conn.EnvAppKey, conn.EnvMasterSecret} {
		if os.Getenv(env) == "" {
			t.Fatalf("%s must be set to run the tests against a real JPush app", env)
		}
	}
	at := time.Now().Add(300 * 24 * time.Hour).UTC().Truncate(time.Minute).Format(time.RFC3339)
	cfg := func(name string) string {
		return fmt.Sprintf(`
provider "jpush" {
  max_retries = 4
}

resource "jpush_schedule" "test" {
  name    = %q
  enabled = false
  trigger = { single = { time = %q } }
  push = {
    platform     = ["android", "ios"]
    audience     = { tag = ["tf_acc_nobody_2718"] }
    notification = { alert = "terraform-provider-jpush acceptance test (never sent)" }
    options      = { test_model = true, apns_production = false }
  }
}
`, name, at)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: cfg("tf_acc_lifecycle"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: cfg("tf_acc_lifecycle_renamed"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:            res,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"trigger.single.time", "push_json"}, // wire format; import fills both push forms
			},
		},
	})
}
