package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Reliability under injected faults and rate limits, end to end: the real
// Terraform CLI, the provider in-process, the emulator in-process with its
// faults set through its Go API.

// fastRetries makes the clients of the providers e.factories serves back
// off briefly (the provider has no backoff attribute). capSleep also caps
// every wait, including the one after a 429; use it only where the
// emulator's rate limit is off.
func (e *accEnv) fastRetries(capSleep bool) {
	e.t.Helper()
	e.adjustClients(func(c *client.Config) {
		c.MinBackoff, c.MaxBackoff = 5*time.Millisecond, 50*time.Millisecond
		if capSleep {
			c.Sleep = func(ctx context.Context, d time.Duration) error {
				d = min(d, 50*time.Millisecond)
				t := time.NewTimer(d)
				defer t.Stop()
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-t.C:
					return nil
				}
			}
		}
	})
}

// relRetries is the provider's largest max_retries.
const relRetries = 10

// relMinFaults is the fewest faults a step of TestAccReliability_faults
// must have fired for it to prove anything. Each step's rules may fire at
// most relRetries faults in all (their counts add up to it), so that one
// call can never run out of retries, whatever the order of the requests.
const relMinFaults = 8

// relProvider is the provider block with max_retries raised.
func (e *accEnv) relProvider(retries int, extra ...string) string {
	return fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = %q
  endpoint      = %q
  max_retries   = %d
  %s
}
`, emulator.DefaultAppKey, emulator.DefaultMasterSecret, e.srv.URL, retries, strings.Join(extra, "\n  "))
}

// setBoundedFaults sets the fault rules of a TestAccReliability_faults
// step after checking that each has a count and that the counts add up to
// at most relRetries.
func (e *accEnv) setBoundedFaults(rules []emulator.FaultRule) {
	e.t.Helper()
	total := 0
	for _, r := range rules {
		if r.Count <= 0 {
			e.t.Fatalf("fault rule %+v has no count: a call could run out of retries", r)
		}
		total += r.Count
	}
	if total > relRetries {
		e.t.Fatalf("fault counts add up to %d, more than max_retries = %d: a call could run out of retries", total, relRetries)
	}
	e.srv.SetFaults(rules)
}

// relManyConfig is n single schedules (count = n) named prefix_<index>.
func relManyConfig(n int, prefix, at, alert string) string {
	return fmt.Sprintf(`
resource "jpush_schedule" "many" {
  count   = %d
  name    = "%s_${count.index}"
  trigger = { single = { time = %q } }
  push = {
    audience     = { all = true }
    notification = { alert = %q }
  }
}
`, n, prefix, at, alert)
}

// relStateIDs returns the ids of every jpush_schedule in the state.
func relStateIDs(s *terraform.State) []string {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "jpush_schedule" {
			ids = append(ids, rs.Primary.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

// relCheckMatches asserts that the state and the emulator hold the same n
// schedule ids, and (if check is set) checks each stored schedule.
func relCheckMatches(e *accEnv, n int, check func(id string, m map[string]any) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got := relStateIDs(s)
		want := e.srv.ScheduleIDs()
		sort.Strings(want)
		if len(got) != n || len(want) != n {
			return fmt.Errorf("state has %d schedules, emulator %d; want %d each", len(got), len(want), n)
		}
		if st := e.srv.Stats(); st.Schedules != n {
			return fmt.Errorf("emulator Stats().Schedules = %d, want %d", st.Schedules, n)
		}
		for i := range got {
			if got[i] != want[i] {
				return fmt.Errorf("state ids %v differ from emulator ids %v", got, want)
			}
		}
		if check != nil {
			for _, id := range want {
				if err := check(id, e.stored(id)); err != nil {
					return fmt.Errorf("schedule %s: %w", id, err)
				}
			}
		}
		return nil
	}
}

// TestAccReliability_faults applies, updates and destroys 60 schedules at
// Terraform's default parallelism while the emulator answers a share of the
// writes with 503, 500, bursts of 429, or commits and then drops the
// connection. Every schedule ends up exactly once in JPush and in the
// state, with no duplicate creation.
//
// The rates are 20% of creates answered 503, 10% committed then dropped,
// and 429s at 30%; updates and deletes likewise. Every rule has a count,
// and a step's counts add up to relRetries (10), the max_retries of the
// provider block: a call fails only after 11 faulted answers in a row, so
// no call can run out of retries and the test cannot flake. The rates
// decide which requests the faults hit (the emulator's generator has a
// fixed seed), the counts how many.
func TestAccReliability_faults(t *testing.T) {
	const n = 60
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	at := rfc(e.now().Add(72 * time.Hour))
	p := e.relProvider(relRetries)
	var faultsCreate, faultsUpdate, faultsBefore int

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			st := e.srv.Stats()
			t.Logf("destroy: %d DELETE requests for %d schedules, faults fired %d",
				st.Requests[emulator.RouteDelete], n, st.FaultsFired-faultsBefore)
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 || st.Schedules != 0 {
				return fmt.Errorf("%d schedules left in the emulator after destroy: %v", len(ids), ids)
			}
			if d := st.FaultsFired - faultsBefore; d < relMinFaults {
				return fmt.Errorf("only %d DELETE faults fired, want at least %d", d, relMinFaults)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.setBoundedFaults([]emulator.FaultRule{
						{Route: emulator.RouteCreate, Kind: "status_503", Probability: 0.2, Count: 4},
						{Route: emulator.RouteCreate, Kind: "drop_after_commit", Probability: 0.1, Count: 3},
						{Route: emulator.RouteCreate, Kind: "status_429", Probability: 0.3, Count: 3},
					})
				},
				Config: p + relManyConfig(n, "rel", at, "v1"),
				Check: resource.ComposeTestCheckFunc(
					relCheckMatches(e, n, nil),
					func(*terraform.State) error {
						st := e.srv.Stats()
						faultsCreate = st.FaultsFired
						t.Logf("create: %d POST requests, %d creates, %d cid replays, %d faults fired",
							st.Requests[emulator.RouteCreate], st.Creates, st.CIDReplays, st.FaultsFired)
						if st.Creates != n {
							return fmt.Errorf("emulator created %d schedules, want %d (duplicates)", st.Creates, n)
						}
						if st.DuplicateNames != 0 {
							return fmt.Errorf("emulator saw %d duplicate names", st.DuplicateNames)
						}
						if st.FaultsFired < relMinFaults || st.Requests[emulator.RouteCreate] != n+st.FaultsFired {
							return fmt.Errorf("%d faults fired (%d POSTs); want at least %d, and one POST per schedule plus one per fault",
								st.FaultsFired, st.Requests[emulator.RouteCreate], relMinFaults)
						}
						if st.CIDReplays < 0 {
							return fmt.Errorf("negative cid replays")
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					e.setBoundedFaults([]emulator.FaultRule{
						{Route: emulator.RouteUpdate, Kind: "status_503", Probability: 0.15, Count: 3},
						{Route: emulator.RouteUpdate, Kind: "status_500", Probability: 0.1, Count: 2},
						{Route: emulator.RouteUpdate, Kind: "drop_after_commit", Probability: 0.1, Count: 2},
						{Route: emulator.RouteUpdate, Kind: "status_429", Probability: 0.3, Count: 3},
					})
				},
				Config: p + relManyConfig(n, "rel2", at, "v2"),
				Check: resource.ComposeTestCheckFunc(
					relCheckMatches(e, n, func(id string, m map[string]any) error {
						name, _ := m["name"].(string)
						if !strings.HasPrefix(name, "rel2_") {
							return fmt.Errorf("name %q not updated", name)
						}
						push, _ := m["push"].(map[string]any)
						notif, _ := push["notification"].(map[string]any)
						if notif["alert"] != "v2" {
							return fmt.Errorf("alert %v not updated", notif["alert"])
						}
						return nil
					}),
					func(*terraform.State) error {
						st := e.srv.Stats()
						faultsUpdate = st.FaultsFired - faultsCreate
						t.Logf("update: %d PUT requests, %d faults fired", st.Requests[emulator.RouteUpdate], faultsUpdate)
						if st.Creates != n {
							return fmt.Errorf("emulator created %d schedules, want %d", st.Creates, n)
						}
						if faultsUpdate < relMinFaults {
							return fmt.Errorf("only %d update faults fired, want at least %d", faultsUpdate, relMinFaults)
						}
						return nil
					},
				),
			},
			{
				// Same configuration (empty plan); the faults are for the destroy.
				PreConfig: func() {
					faultsBefore = e.srv.Stats().FaultsFired
					e.setBoundedFaults([]emulator.FaultRule{
						{Route: emulator.RouteDelete, Kind: "status_503", Probability: 0.15, Count: 3},
						{Route: emulator.RouteDelete, Kind: "status_500", Probability: 0.1, Count: 2},
						{Route: emulator.RouteDelete, Kind: "drop_after_commit", Probability: 0.15, Count: 2},
						{Route: emulator.RouteDelete, Kind: "status_429", Probability: 0.3, Count: 3},
					})
				},
				Config: p + relManyConfig(n, "rel2", at, "v2"),
				Check:  relCheckMatches(e, n, nil),
			},
		},
	})
}

// TestAccReliability_rateLimit applies more schedules than fit in one rate
// window: the client waits for the window instead of running into 429s, so
// not one call is refused.
func TestAccReliability_rateLimit(t *testing.T) {
	const n = 70
	e := newAccEnv(t, nil)
	limit, window := 40, "2s"
	e.srv.Configure(emulator.Config{RateLimitPerMinute: &limit, RateLimitWindow: &window})
	at := rfc(e.now().Add(72 * time.Hour))
	p := e.relProvider(4)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
				return fmt.Errorf("%d schedules left after destroy", len(ids))
			}
			return nil
		},
		Steps: []resource.TestStep{{
			Config: p + relManyConfig(n, "rl", at, "hi"),
			Check: resource.ComposeTestCheckFunc(
				relCheckMatches(e, n, nil),
				func(*terraform.State) error {
					st := e.srv.Stats()
					if st.Requests[emulator.RouteCreate] < n || st.Creates != n {
						return fmt.Errorf("%d POSTs, %d creates; want %d", st.Requests[emulator.RouteCreate], st.Creates, n)
					}
					return nil
				},
			),
		}},
	})
	st := e.srv.Stats()
	total := 0
	for _, v := range st.Requests {
		total += v
	}
	t.Logf("rate limit %d per %s: %d requests in all, %d answered 429", limit, window, total, st.RateLimited)
	if st.RateLimited != 0 {
		t.Errorf("the emulator refused %d calls with 429; want 0 (the client must wait for the window)", st.RateLimited)
	}
	if total <= limit {
		t.Errorf("only %d requests: the test did not cross a rate window", total)
	}
}

// TestAccReliability_notRetried: answers that no retry can fix fail at once,
// with one request, JPush's code and message in the diagnostic.
func TestAccReliability_notRetried(t *testing.T) {
	t.Run("quota 400/8100", func(t *testing.T) {
		e := newAccEnv(t, nil)
		quota := 1
		e.srv.Configure(emulator.Config{ScheduleQuota: &quota})
		e.fastRetries(true)
		at := rfc(e.now().Add(72 * time.Hour))
		p := e.relProvider(10)
		var before int
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{
				{Config: p + singleConfig("first", at, "true", typedPush2)},
				{
					PreConfig:   func() { before = e.route(emulator.RouteCreate) },
					Config:      p + singleConfig("first", at, "true", typedPush2) + relManyConfig(1, "second", at, "x"),
					ExpectError: regexp.MustCompile(`(?s)Cannot create the JPush schedule.*HTTP\s+400,\s+code\s+8100:.*quota\s+exceeded`),
					Check:       nil,
				},
				{
					// The failed create left nothing behind.
					PreConfig: func() {
						if d := e.route(emulator.RouteCreate) - before; d != 1 {
							t.Errorf("a 400/8100 create was sent %d times, want once", d)
						}
					},
					Config: p + singleConfig("first", at, "true", typedPush2),
					Check:  relCheckMatches(e, 1, nil),
				},
			},
		})
	})
	t.Run("credentials 401/8101", func(t *testing.T) {
		e := newAccEnv(t, nil)
		e.fastRetries(true)
		p := fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = "wrongsecretwrongsecret00"
  endpoint      = %q
  max_retries   = 10
}
`, emulator.DefaultAppKey, e.srv.URL)
		cfg := p + `
data "jpush_schedule_msg_ids" "x" {
  schedule_id = "6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f"
}
`
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps: []resource.TestStep{{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)HTTP\s+401,\s+code\s+8101:\s+Basic\s+authentication\s+failed.*check\s+app_key\s+and\s+master_secret`),
			}},
		})
		if got := e.requests(); got != 1 {
			t.Errorf("wrong credentials: %d requests (%v), want exactly 1", got, e.srv.Stats().Requests)
		}
	})
}

// TestAccReliability_timeout: every attempt outlasts request_timeout. The
// emulator's latency holds every route, so the first request of the create,
// the CID fetch, times out on both attempts and no create is ever sent
// (checked below). The error says so plainly, the state and the emulator
// agree, and a later apply without the latency creates the schedule exactly
// once. (That a request given up during the latency is never handled is
// proved by the emulator's TestLatencyCancelledRequestNotHandled.)
//
// The latency is far beyond the timeout: the emulator stops waiting when it
// notices the client has gone, which on a loaded machine can take more than
// the half second a 1.5s latency used to leave. The second apply has no
// latency and a generous timeout, so that a slow answer cannot fail it.
func TestAccReliability_timeout(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	at := rfc(e.now().Add(72 * time.Hour))
	p := e.relProvider(1, `request_timeout = "1s"`)
	pFast := e.relProvider(1, `request_timeout = "60s"`)
	slow, none := "5m", "0s"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
				return fmt.Errorf("%d schedules left after destroy", len(ids))
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { e.srv.Configure(emulator.Config{Latency: &slow}) },
				Config:      p + singleConfig("slow", at, "true", typedPush2),
				ExpectError: regexp.MustCompile(`(?s)Cannot create the JPush schedule.*giving\s+up\s+after\s+2\s+attempts.*timeout:\s+no\s+response\s+within\s+the\s+request\s+timeout\s+of\s+1s`),
			},
			{
				PreConfig: func() {
					e.srv.Configure(emulator.Config{Latency: &none})
					if st := e.srv.Stats(); st.Requests[emulator.RouteCID] != 2 || st.Requests[emulator.RouteCreate] != 0 {
						t.Errorf("the timed-out apply sent %d CID requests and %d creates, want 2 and 0", st.Requests[emulator.RouteCID], st.Requests[emulator.RouteCreate])
					}
					if st := e.srv.Stats(); st.Creates != 0 || st.Schedules != 0 {
						t.Errorf("after the timed-out apply the emulator holds %d schedules (%d creates); the state holds none", st.Schedules, st.Creates)
					}
				},
				Config: pFast + singleConfig("slow", at, "true", typedPush2),
				Check: resource.ComposeTestCheckFunc(
					relCheckMatches(e, 1, nil),
					func(*terraform.State) error {
						if c := e.srv.Stats().Creates; c != 1 {
							return fmt.Errorf("%d creates, want 1", c)
						}
						return nil
					},
				),
			},
		},
	})
}
