package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// TestAccProvider_maxRetries: what max_retries means, counted on the
// emulator. Every list call is answered 503 (a retryable answer) more times
// than the setting allows, so the read fails after exactly max_retries + 1
// attempts: 1 for max_retries = 0 (no retries), client.DefaultMaxRetries + 1
// when the attribute is omitted.
func TestAccProvider_maxRetries(t *testing.T) {
	for _, c := range []struct {
		name, setting string
		attempts      int
		want          string
	}{
		{"zero means no retries", "max_retries = 0", 1, `(?s)HTTP\s+503,\s+code\s+8203`},
		{
			"omitted means the client default", "", client.DefaultMaxRetries + 1,
			fmt.Sprintf(`(?s)giving\s+up\s+after\s+%d\s+attempts.*HTTP\s+503`, client.DefaultMaxRetries+1),
		},
		{"three", "max_retries = 3", 4, `(?s)giving\s+up\s+after\s+4\s+attempts.*HTTP\s+503`},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.fastRetries(true)
			cfg := testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = %q
  %s
}

data "jpush_schedules" "all" {}
`, emulator.DefaultAppKey, emulator.DefaultMasterSecret, e.srv.URL, c.setting)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{{
					PreConfig: func() {
						e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteList, Kind: "status_503", Count: 100}})
					},
					Config:      cfg,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if got := e.route(emulator.RouteList); got != c.attempts {
				t.Errorf("%q: %d list requests, want %d", c.setting, got, c.attempts)
			}
		})
	}
}
