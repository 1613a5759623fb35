package provider

import (
	"fmt"
	"net"
	"regexp"
	"strings"
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
// check warns, and the plan of a create goes on.
func TestAccProvider_flakyJPushOnlyWarns(t *testing.T) {
	e := newAccEnv(t, nil)
	h := newCLIHarness(t).withClients(e)
	h.write(verifyConfig(e, emulator.DefaultMasterSecret, e.srv.URL))
	h.must("init")
	e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteList, Kind: "status_503", Count: 1}})
	out, code := h.run("plan", "-detailed-exitcode")
	if code != 2 {
		t.Fatalf("want a plan with changes (exit 2), got exit %d:\n%s", code, out)
	}
	if !regexp.MustCompile(`(?s)Warning: The JPush credentials could not be checked.*HTTP\s+503`).MatchString(out) {
		t.Errorf("no warning about the unchecked credentials:\n%s", out)
	}
	if n := strings.Count(out, "could not be checked"); n > 1 {
		t.Errorf("the warning is shown %d times, want once:\n%s", n, out)
	}
	if got := e.route(emulator.RouteList); got != 1 {
		t.Errorf("%d list requests, want the check's 1 (max_retries = 0)", got)
	}
}

// The cost of the check per command, N = 100 schedules (2 list pages): it
// is free wherever the command lists anyway (its page 1 is the refresh's),
// and one list page per walk that plans creates (the plan, and the apply's
// own plan, which runs in a provider process of its own).
func TestAccProvider_checkCostPerCommand(t *testing.T) {
	const n = 100
	e := newAccEnv(t, nil)
	e.stableListCache()
	h := newCLIHarness(t).withClients(e)
	at := e.now().Add(3 * time.Hour)
	names, times := make([]string, n), make([]time.Time, n)
	for i := range names {
		names[i], times[i] = fmt.Sprintf("cost_%d", i), at
	}
	h.write(perfConfig(e, names, times))
	h.must("init")
	c := e.counter()
	step := func(what string, wantList, wantTotal int, args ...string) {
		t.Helper()
		if out, code := h.run(args...); code != 0 && code != 2 {
			t.Fatalf("%s: exit %d:\n%s", what, code, out)
		}
		d := c.delta()
		t.Logf("%-28s list %d, total %d: %v", what, d[emulator.RouteList], total(d), d)
		if d[emulator.RouteList] != wantList || total(d) != wantTotal {
			t.Errorf("%s: %d list calls, %d in all, want %d and %d (all: %v)", what, d[emulator.RouteList], total(d), wantList, wantTotal, d)
		}
	}
	step("apply (create)", 2, 2+1+n, "apply", "-auto-approve")
	step("plan (no change)", 2, 2, "plan", "-detailed-exitcode")
	renamed := make([]string, n)
	for i := range renamed {
		renamed[i] = names[i] + "_b"
	}
	h.write(perfConfig(e, renamed, times))
	step("apply (update all)", 2, 2+n, "apply", "-auto-approve")
	step("destroy", 2, 2+n, "destroy", "-auto-approve")
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
