package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 21: what a user sees agrees with what happens. Each test runs the
// real CLI against the emulator, as a user does.

// Misspelt keys inside push_json are named at plan as warnings, with the
// JSON path and the nearest documented key, in the same order every time.
func TestAccPushJSON_unknownNestedKeysWarn(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	h.write(e.providerConfig() + fmt.Sprintf(`
resource "jpush_schedule" "s" {
  name    = "typos"
  trigger = { single = { time = %q } }
  push_json = jsonencode({
    platform     = "all"
    audience     = "all"
    notification = { android = { alert = "a", titel = "t" } }
    options      = { time_to_life = 60 }
  })
}
`, at))
	h.must("init")
	var first string
	for i := 0; i < 3; i++ {
		var details []string
		for _, d := range jsonDiagnostics(h.must("plan", "-json")) {
			if d.Severity == "warning" && d.Summary == "Unknown keys in push_json" {
				details = append(details, d.Detail)
			}
		}
		ws := strings.Join(details, "\n")
		if len(details) == 0 || !strings.Contains(ws, "notification.android.titel: did you mean title?") ||
			!strings.Contains(ws, "options.time_to_life: did you mean time_to_live?") {
			t.Fatalf("want a warning naming both misspelt keys with their nearest documented key, got %q", details)
		}
		if i == 0 {
			first = ws
		} else if ws != first {
			t.Fatalf("the warnings changed between plans:\n%s\n---\n%s", first, ws)
		}
	}
}

// An endpoint with credentials in it is refused without printing them:
// neither the source line of the configuration nor the environment
// variable's value reaches the output.
//
// Not parallel: the provider runs in this process and reads JPUSH_ENDPOINT
// from its environment.
func TestAccProvider_endpointCredentialsNeverPrinted(t *testing.T) {
	e := newAccEnv(t, nil)
	secretURL := strings.Replace(e.srv.URL, "http://", "http://key:hunter2pw@", 1)
	for _, how := range []string{"attribute", "environment"} {
		t.Run(how, func(t *testing.T) {
			h := newCLIHarness(t)
			at := rfc(e.now().Add(3 * time.Hour))
			endpoint := ""
			if how == "attribute" {
				endpoint = fmt.Sprintf("  endpoint = %q\n", secretURL)
			} else {
				t.Setenv("JPUSH_ENDPOINT", secretURL)
			}
			h.write(testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = %q
%s}
`, emulator.DefaultAppKey, emulator.DefaultMasterSecret, endpoint) + singleConfig("creds", at, "true", typedPush))
			h.must("init")
			out, code := h.run("plan")
			if code == 0 || !strings.Contains(oneLine(out), "must not contain credentials") {
				t.Fatalf("want the endpoint refused:\n%s", out)
			}
			if strings.Contains(out, "hunter2pw") {
				t.Fatalf("the password reached the output:\n%s", out)
			}
		})
	}
}

// A wrong secret is one cause: one error, however many resources use the
// provider.
func TestAccProvider_wrongSecretReportedOnce(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	cfg := testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = "wrong-master-secret-000"
  endpoint      = %q
  max_retries   = 0
}
`, emulator.DefaultAppKey, e.srv.URL)
	for i := 0; i < 3; i++ {
		cfg += strings.Replace(singleConfig(fmt.Sprintf("s%d", i), at, "true", typedPush), `"test"`, fmt.Sprintf(`"s%d"`, i), 1)
	}
	h.write(cfg)
	h.must("init")
	out, code := h.run("plan")
	if code == 0 {
		t.Fatalf("the plan must fail:\n%s", out)
	}
	if n := len(regexp.MustCompile(`Error: JPush refused the app key and master secret`).FindAllString(out, -1)); n != 1 {
		t.Fatalf("the wrong secret is reported %d times, want once:\n%s", n, out)
	}
}

// The same for a refresh: with schedules of both kinds in the state, a
// wrong secret is one error, and no resource fails otherwise (a refresh
// that stops at the failed check still keeps its identity).
func TestAccProvider_wrongSecretAtRefreshReportedOnce(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	// Two template schedules: whichever is refreshed second stops at the
	// check without an error of its own.
	resources := lifecycleSchedule("refresh", at) + lifecycleTemplate("refresh_tpl", at) +
		strings.Replace(lifecycleTemplate("refresh_tpl2", at), `"t"`, `"t2"`, 1)
	h.write(e.providerConfig() + resources)
	h.must("init")
	h.must("apply", "-auto-approve")
	h.write(strings.Replace(e.providerConfig(), emulator.DefaultMasterSecret, "wrong-master-secret-000", 1) + resources)
	out, code := h.run("plan")
	if code == 0 {
		t.Fatalf("the plan must fail:\n%s", out)
	}
	if n := strings.Count(out, "Error:"); n != 1 || !strings.Contains(out, "Error: JPush refused the app key and master secret") {
		t.Fatalf("want exactly one error, the refused secret; got %d:\n%s", n, out)
	}
}
