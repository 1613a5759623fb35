package provider

import (
	"fmt"
	"net"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 12, "Credentials are checked at plan": the provider makes one
// authenticated call when it is configured (page 1 of the schedule list,
// which the refresh then reuses), so a wrong secret or an endpoint where
// nothing listens fails the plan of a configuration that would otherwise
// plan only creates, and so send nothing that checks them.

// verifyConfig is a provider block with the given secret and endpoint and
// one schedule to create, a plan that needs no read.
func verifyConfig(e *accEnv, secret, endpoint string) string {
	at := rfc(e.now().Add(24 * time.Hour))
	return testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = %q
  max_retries   = 0
}
`, emulator.DefaultAppKey, secret, endpoint) + singleConfig("verify", at, "true", typedPush)
}

func TestAccProvider_wrongSecretFailsPlan(t *testing.T) {
	e := newAccEnv(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:   verifyConfig(e, "wrong-master-secret-000", e.srv.URL),
			PlanOnly: true,
			ExpectError: regexp.MustCompile(`(?s)JPush refused the app key and master secret.*code\s+8101.*` +
				`JPUSH_MASTER_SECRET.*data\s+centre`),
		}},
	})
	if got := e.requests(); got < 1 {
		t.Errorf("the plan sent %d requests; the check needs one", got)
	}
	if n := len(e.srv.ScheduleIDs()); n != 0 {
		t.Errorf("the emulator holds %d schedules after a failed plan", n)
	}
}

// An endpoint where nothing listens: the error names the host and says what
// to check.
func TestAccProvider_unreachableEndpointFailsPlan(t *testing.T) {
	e := newAccEnv(t, nil)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close() // nothing listens there now
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:      verifyConfig(e, emulator.DefaultMasterSecret, "http://"+dead),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Cannot reach JPush.*` + regexp.QuoteMeta(dead) + `.*JPUSH_ENDPOINT`),
		}},
	})
}

// JPush failing (503 after the retries) does not block the plan: the
// check warns and the plan of a create goes on.
func TestAccProvider_flakyJPushOnlyWarns(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteList, Kind: "status_503", Count: 1}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			Config:             verifyConfig(e, emulator.DefaultMasterSecret, e.srv.URL),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	if got := e.route(emulator.RouteList); got < 1 {
		t.Errorf("%d list requests, want the check's", got)
	}
}

// The check is the refresh's first call, not one more: a no-change plan of
// a one-page list makes one list call in all, and of a two-page list (60
// schedules) two, page 1 being the check's.
func TestAccProvider_checkServesTheRefresh(t *testing.T) {
	for _, n := range []int{3, 60} {
		t.Run(fmt.Sprintf("%d schedules", n), func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.stableListCache()
			h := newCLIHarness(t).withClients(e)
			at := e.now().Add(time.Hour)
			names, times := make([]string, n), make([]time.Time, n)
			for i := range names {
				names[i], times[i] = fmt.Sprintf("reuse_%d", i), at
			}
			h.write(perfConfig(e, names, times))
			h.must("init")
			h.must("apply", "-auto-approve")
			c := e.counter()
			if out, code := h.run("plan", "-detailed-exitcode"); code != 0 {
				t.Fatalf("want an empty plan (exit 0), got exit %d:\n%s", code, out)
			}
			pages := (n + 49) / 50
			if d := c.delta(); total(d) != pages || d[emulator.RouteList] != pages {
				t.Errorf("no-change plan of %d schedules: %v, want exactly %d list calls", n, d, pages)
			}
		})
	}
}
