package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// Issue 10, item 6: the state records which JPush app (app key and
// endpoint) made each schedule; pointed at another app or endpoint, the
// plan fails with an error naming both, before any request to the other
// app, and nothing is created there or dropped from the state.

const otherAppKey = "jpushotherappkey00000002"

// otherApp is a second JPush app: its own emulator, with the default app
// key (same key, other endpoint) or another one.
func otherApp(t *testing.T, appKey string) *accEnv {
	t.Helper()
	srv, err := emulator.Start(emulator.Options{AppKey: appKey, Location: framework.DefaultLocation})
	if err != nil {
		t.Fatalf("start emulator: %v", err)
	}
	t.Cleanup(srv.Close)
	off := 0
	srv.Configure(emulator.Config{RateLimitPerMinute: &off})
	return &accEnv{t: t, srv: srv, loc: framework.DefaultLocation}
}

// providerConfigFor is the provider block for env b with app key appKey.
func (e *accEnv) providerConfigFor(appKey string) string {
	return strings.Replace(e.providerConfig(), fmt.Sprintf("%q", emulator.DefaultAppKey), fmt.Sprintf("%q", appKey), 1)
}

// appSwitch walks one resource configuration through app A, then B (the
// plan and a destroy must fail naming both apps, with no request to B),
// then A again (the state is intact: an empty plan).
func appSwitch(t *testing.T, a, b *accEnv, bKey, resourceCfg, addr string) {
	cfgA := a.providerConfig() + resourceCfg
	cfgB := b.providerConfigFor(bKey) + resourceCfg
	wantErr := regexp.MustCompile(fmt.Sprintf(`(?s)belongs to another JPush app.*app\s+%s\s+at\s+%s.*app\s+%s\s+at\s+%s`,
		emulator.DefaultAppKey, regexp.QuoteMeta(a.srv.URL), bKey, regexp.QuoteMeta(b.srv.URL)))
	var ids string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: cfgA,
				Check: func(s *terraform.State) error {
					ids = s.RootModule().Resources[addr].Primary.ID
					return nil
				},
			},
			{Config: cfgB, PlanOnly: true, ExpectError: wantErr},
			// A plan without refresh (plugin-testing runs one first in a
			// plan-only step) fails too: the plan itself checks the app.
			{Config: cfgB, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)non-refresh plan.*` + wantErr.String()[4:])},
			{Config: cfgB, ExpectError: wantErr},
			{Config: cfgB, Destroy: true, ExpectError: wantErr},
			{
				Config:           cfgA,
				ConfigPlanChecks: expectEmpty(),
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[addr].Primary.ID; got != ids {
						return fmt.Errorf("id %s after the switch, want %s", got, ids)
					}
					if n := b.requests(); n != 0 {
						return fmt.Errorf("the other app got %d requests: %v", n, b.srv.Stats().Requests)
					}
					if n := a.srv.Stats().Schedules; n == 0 {
						return fmt.Errorf("the schedules in the first app are gone")
					}
					return nil
				},
			},
		},
	})
}

func TestAccSchedule_otherApp(t *testing.T) {
	for name, key := range map[string]string{"other endpoint": emulator.DefaultAppKey, "other app key": otherAppKey} {
		t.Run(name, func(t *testing.T) {
			a := newAccEnv(t, nil)
			b := otherApp(t, key)
			appSwitch(t, a, b, key, singleConfig("app_a", rfc(a.now().Add(3*time.Hour)), "true", typedPush2), res)
		})
	}
}

func TestAccTemplateSchedule_otherApp(t *testing.T) {
	for name, key := range map[string]string{"other endpoint": emulator.DefaultAppKey, "other app key": otherAppKey} {
		t.Run(name, func(t *testing.T) {
			a := newAccEnv(t, nil)
			b := otherApp(t, key)
			for _, e := range []*accEnv{a, b} {
				e.srv.DefineTemplate("tpl1", []string{"title", "content"})
			}
			cfg := tplConfig("tpl1", "app_a", "true", tplSingle(rfc(a.now().Add(48*time.Hour))), threeParams("hello")...)
			appSwitch(t, a, b, key, cfg, tplRes)
		})
	}
}

// A replacement after the provider was pointed at another app, with
// create_before_destroy: were the plan to pass, the new schedule would be
// created in the other app before the old one's Delete could refuse. The
// plan fails instead, with or without refresh, for a planned replacement
// and for -replace, and neither app's schedules change.
func TestAccSchedule_otherAppReplacementNoRefresh(t *testing.T) {
	t.Parallel()
	a := newAccEnv(t, nil)
	b := otherApp(t, otherAppKey)
	h := newCLIHarness(t)
	n := a.now()
	cbd := func(trigger string) string {
		return strings.Replace(lifecycleScheduleTrigger("moves", trigger), "  push = {",
			"  lifecycle {\n    create_before_destroy = true\n  }\n  push = {", 1)
	}
	single := `{ single = { time = "` + rfc(n.Add(3*time.Hour)) + `" } }`
	periodical := `{ periodical = { start = "` + rfc(n.Add(time.Hour)) + `", end = "` + rfc(n.Add(72*time.Hour)) +
		`", time = "10:00:00", time_unit = "day", frequency = 1 } }`
	h.write(a.providerConfig() + cbd(single))
	h.must("init")
	h.must("apply", "-auto-approve")
	createsA := a.srv.Stats().Creates

	for _, c := range []struct {
		trigger string
		args    []string
	}{
		{periodical, []string{"plan", "-refresh=false"}},
		{periodical, []string{"apply", "-auto-approve", "-refresh=false"}},
		{periodical, []string{"apply", "-auto-approve"}},
		{single, []string{"apply", "-auto-approve", "-refresh=false", "-replace=jpush_schedule.s"}},
	} {
		args := c.args
		h.write(b.providerConfigFor(otherAppKey) + cbd(c.trigger))
		out, code := h.run(args...)
		if code == 0 || !strings.Contains(oneLine(out), "belongs to another JPush app") {
			t.Fatalf("%v after switching apps: exit %d, want an error naming the other app:\n%s", args, code, out)
		}
		if st := b.srv.Stats(); st.Creates != 0 || st.Requests["POST /v3/schedules"] != 0 || st.Requests["GET /v3/push/cid"] != 0 {
			t.Fatalf("%v: the other app got a create: %+v", args, st.Requests)
		}
		if st := a.srv.Stats(); st.Creates != createsA || st.Schedules != 1 {
			t.Fatalf("%v: the first app changed: %d creates, %d schedules", args, st.Creates, st.Schedules)
		}
	}
}
