package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// cbdTemplateConfig is two live template schedules, with the lifecycle
// advice of the docs (create_before_destroy), and key as the name of the
// template variable the params set.
func cbdTemplateConfig(e *accEnv, at, key string) string {
	return e.providerConfig() + fmt.Sprintf(`
resource "jpush_template_schedule" "test" {
  template_id   = "tpl1"
  schedule_name = "order_notice"
  trigger       = { single = { time = %q } }
  params = [
    {
      trace_id = "a"
      keys     = { %s = "Hi Alice" }
      audience = { registration_id = ["1a0018970a1b2c3d4e1"] }
    },
    {
      trace_id = "b"
      keys     = { %s = "Hi Bob" }
      audience = { registration_id = ["1a0018970a1b2c3d4e2"] }
    },
  ]

  lifecycle {
    create_before_destroy = true
  }
}
`, at, key, key)
}

// TestAccLifecycleDocs_createBeforeDestroyKeepsSchedules proves the docs'
// lifecycle advice: a replacement whose create only JPush can reject (a
// template key typo) leaves the two live schedules in JPush when the
// resource sets create_before_destroy, and the configuration, fixed, plans
// no change afterwards.
func TestAccLifecycleDocs_createBeforeDestroyKeepsSchedules(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title"})
	at := rfc(e.now().Add(48 * time.Hour))
	var before []string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cbdTemplateConfig(e, at, "title"),
				Check: func(*terraform.State) error {
					before = e.srv.ScheduleIDs()
					if len(before) != 2 {
						return fmt.Errorf("JPush holds %d schedules, want 2", len(before))
					}
					return nil
				},
			},
			{
				Config:      cbdTemplateConfig(e, at, "titel"), // a typo only JPush detects: a replacement that fails
				ExpectError: regexp.MustCompile(`(?i)titel`),
			},
			{
				PreConfig: func() {
					after := e.srv.ScheduleIDs()
					sort.Strings(before)
					sort.Strings(after)
					if strings.Join(after, ",") != strings.Join(before, ",") {
						t.Errorf("after the failed replacement JPush holds %v, want the two live schedules %v", after, before)
					}
				},
				Config:   cbdTemplateConfig(e, at, "title"),
				PlanOnly: true,
			},
		},
	})
}
