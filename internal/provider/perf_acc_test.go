package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Acceptance tests of the read path's cost and correctness: a refresh is
// served from one shared list snapshot (client.LookupSchedule), and that
// snapshot never hides an out-of-band change, a deletion or a fired
// schedule. Every claim is checked on the emulator's request counters.

// stableListCache makes the list snapshot of the clients of the providers
// e.factories serves live for an hour instead of DefaultListCacheTTL (the
// provider has no attribute for it). The tests below count list calls; with
// the 5s default, the Reads of one refresh spread over more than 5s on a
// loaded machine would list twice. Each Terraform command configures a new
// client, so the snapshot still never outlives a command, and a cache that
// wrongly carried data across commands would now show in every test.
func (e *accEnv) stableListCache() {
	e.t.Helper()
	e.adjustClients(func(c *client.Config) { c.ListCacheTTL = time.Hour })
}

// perfConfig is n jpush_schedule.perf[i] single schedules firing at times[i].
func perfConfig(e *accEnv, names []string, times []time.Time) string {
	var ns, ts []string
	for i := range names {
		ns = append(ns, fmt.Sprintf("%q", names[i]))
		ts = append(ts, fmt.Sprintf("%q", rfc(times[i])))
	}
	return e.providerConfig() + fmt.Sprintf(`
locals {
  names = [%s]
  times = [%s]
}

resource "jpush_schedule" "perf" {
  count = %d
  name  = local.names[count.index]
  trigger = {
    single = { time = local.times[count.index] }
  }
  push = {
    platform     = ["android", "ios"]
    audience     = { tag = ["perf"] }
    notification = { alert = "perf ${count.index}" }
  }
}
`, strings.Join(ns, ", "), strings.Join(ts, ", "), len(names))
}

// perfRes is the address of perf[i] in plans; perfKey its key in the
// shimmed state of Check functions.
func perfRes(i int) string { return fmt.Sprintf("jpush_schedule.perf[%d]", i) }

func perfKey(i int) string { return fmt.Sprintf("jpush_schedule.perf.%d", i) }

// expectCalls checks the requests since the counter's last reading: each
// route in want exactly, and nothing on any other route.
func expectCalls(c *counter, want map[string]int) error {
	d := c.delta()
	var bad []string
	for _, k := range sortedRoutes(d, want) {
		if d[k] != want[k] {
			bad = append(bad, fmt.Sprintf("%s: %d, want %d", k, d[k], want[k]))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("API calls: %s (all: %v)", strings.Join(bad, "; "), d)
	}
	return nil
}

func sortedRoutes(ms ...map[string]int) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// callsCheck is a plan check asserting the API calls made since the
// counter's last reading; as a PostApplyPostRefresh check of a PlanOnly
// step, that is one non-refresh plan (no calls) plus one refreshing plan.
type callsCheck struct {
	c    *counter
	want map[string]int
}

func (k callsCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = expectCalls(k.c, k.want)
}

// checkCalls is the same as a TestCheckFunc.
func checkCalls(c *counter, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error { return expectCalls(c, want) }
}

// updateOutOfBand changes a schedule behind Terraform's back with JPush's PUT.
func (e *accEnv) updateOutOfBand(id string, body map[string]any) error {
	data, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPut, e.srv.URL+"/v3/schedules/"+id, bytes.NewReader(data))
	req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("update %s: HTTP %d", id, resp.StatusCode)
	}
	return nil
}

// perfIDs records the ids of the perf schedules after a step.
func perfIDs(ids []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for i := range ids {
			id, err := idOf(s, perfKey(i))
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	}
}

// sharedServerFactories serves ONE provider server instance for every
// Terraform command of a test, the way a long-lived provider process
// would be reused: Configure runs again for each command, and the read
// cache must not carry data across it. Its client gets e's adjustments,
// as with e.factories.
func (e *accEnv) sharedServerFactories() map[string]func() (tfprotov6.ProviderServer, error) {
	e.factoriesUsed = true
	srv, err := providerserver.NewProtocol6WithError(newProvider("test", e.newClient))()
	if err != nil {
		e.t.Fatalf("provider server: %v", err)
	}
	return map[string]func() (tfprotov6.ProviderServer, error){
		"jpush": func() (tfprotov6.ProviderServer, error) { return srv, nil },
	}
}

// (a) Creating 3 schedules makes 3 creates and one CID call, no reads;
// a no-change plan's refresh of all of them costs exactly 1 list call and
// no GET; an update of all makes 3 PUTs and no GET after them.
func TestAccPerf_refreshIsOneListCall(t *testing.T) {
	e := newAccEnv(t, nil)
	e.stableListCache()
	n := e.now()
	times := []time.Time{n.Add(3 * time.Hour), n.Add(4 * time.Hour), n.Add(5 * time.Hour)}
	cfg := perfConfig(e, []string{"perf_0", "perf_1", "perf_2"}, times)
	renamed := perfConfig(e, []string{"perf_0_b", "perf_1_b", "perf_2_b"}, times)
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// The apply's plan has nothing to refresh; the creates'
				// answers tell the state, so nothing is read after them.
				// The plan and the apply (two processes) each read one
				// list page to learn JPush's clock before judging the new
				// times (planClock).
				Check: checkCalls(c, map[string]int{emulator.RouteCreate: 3, emulator.RouteCID: 1, emulator.RouteList: 2}),
			},
			{
				PreConfig: func() { c.delta() },
				Config:    cfg,
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					callsCheck{c, map[string]int{emulator.RouteList: 1}},
				}},
			},
			{
				PreConfig: func() { c.delta() },
				Config:    renamed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(perfRes(0), plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(perfRes(1), plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(perfRes(2), plancheck.ResourceActionUpdate),
				}},
				// One list for the apply's refresh, one PUT each, no GET.
				Check: resource.ComposeAggregateTestCheckFunc(
					checkCalls(c, map[string]int{emulator.RouteList: 1, emulator.RouteUpdate: 3}),
					func(*terraform.State) error {
						if got := e.srv.Stats().Creates; got != 3 {
							return fmt.Errorf("creates = %d, want 3", got)
						}
						return nil
					},
				),
			},
		},
	})
}

// (b) A schedule changed out of band right after a refresh (well within
// the list cache's TTL) shows in the next plan: the cache never serves
// data older than the command. Run with a fresh provider per command and
// with one provider server reused by every command.
func TestAccPerf_outOfBandChangeDetected(t *testing.T) {
	for _, tc := range []struct {
		name      string
		factories func(*accEnv) map[string]func() (tfprotov6.ProviderServer, error)
	}{
		{"fresh_provider_per_command", (*accEnv).factories},
		{"one_provider_server_for_all_commands", (*accEnv).sharedServerFactories},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.stableListCache()
			n := e.now()
			names := []string{"oob_0", "oob_1", "oob_2"}
			cfg := perfConfig(e, names, []time.Time{n.Add(3 * time.Hour), n.Add(4 * time.Hour), n.Add(5 * time.Hour)})
			ids := make([]string, len(names))
			c := e.counter()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: tc.factories(e),
				Steps: []resource.TestStep{
					{Config: cfg, Check: perfIDs(ids)},
					{
						// The post-apply refresh plan has just listed; change
						// one schedule and plan again at once.
						PreConfig: func() {
							if err := e.updateOutOfBand(ids[1], map[string]any{"name": "changed_elsewhere"}); err != nil {
								t.Fatal(err)
							}
							c.delta()
						},
						Config:             cfg,
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(perfRes(1), plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(perfRes(0), plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(perfRes(2), plancheck.ResourceActionNoop),
							plancheck.ExpectKnownValue(perfRes(1), tfjsonpath.New("name"), knownvalue.StringExact(names[1])),
							callsCheck{c, map[string]int{emulator.RouteList: 1}},
						}},
					},
					{
						// Applying puts the configured name back with one PUT.
						PreConfig: func() { c.delta() },
						Config:    cfg,
						Check: resource.ComposeAggregateTestCheckFunc(
							checkCalls(c, map[string]int{emulator.RouteList: 1, emulator.RouteUpdate: 1}),
							func(*terraform.State) error {
								if got := e.stored(ids[1])["name"]; got != names[1] {
									return fmt.Errorf("stored name %v, want %s", got, names[1])
								}
								return nil
							},
						),
					},
				},
			})
		})
	}
}

// (c) A schedule deleted out of band is missing from the list, so its
// lookup falls back to a GET, whose 404 removes it from state: the next
// plan re-creates it (and only it).
func TestAccPerf_outOfBandDeleteRecreated(t *testing.T) {
	e := newAccEnv(t, nil)
	e.stableListCache()
	n := e.now()
	cfg := perfConfig(e, []string{"del_0", "del_1", "del_2"}, []time.Time{n.Add(3 * time.Hour), n.Add(4 * time.Hour), n.Add(5 * time.Hour)})
	ids := make([]string, 3)
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: perfIDs(ids)},
			{
				PreConfig: func() {
					if err := e.deleteOutOfBand(ids[2]); err != nil {
						t.Fatal(err)
					}
					c.delta()
				},
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(perfRes(2), plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(perfRes(0), plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(perfRes(1), plancheck.ResourceActionNoop),
					// List miss, then the GET's 404.
					callsCheck{c, map[string]int{emulator.RouteList: 1, emulator.RouteGet: 1}},
				}},
			},
			{
				PreConfig: func() { c.delta() },
				Config:    cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					// The plan's refresh lists (and GETs the missing one);
					// the apply, another process, reads one list page to
					// learn JPush's clock before re-checking the new time.
					checkCalls(c, map[string]int{emulator.RouteList: 2, emulator.RouteGet: 1, emulator.RouteCID: 1, emulator.RouteCreate: 1}),
					func(s *terraform.State) error {
						if got := e.srv.Stats().Creates; got != 4 {
							return fmt.Errorf("creates = %d, want 4", got)
						}
						id, err := idOf(s, perfKey(2))
						if err != nil {
							return err
						}
						if id == ids[2] {
							return fmt.Errorf("perf[2] still has the deleted id %s", id)
						}
						return nil
					},
				),
			},
		},
	})
}

// (d) A single schedule that has fired is no longer in the list; since
// its time has passed by JPush's clock, it stays in state, expired, with
// no GET (issue 13: a GET could only answer 404, or show a schedule that
// never fires again), an empty plan and no re-creation.
func TestAccPerf_expiredAbsentFromList(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.stableListCache()
			e.setMode(visible, false)
			n := e.now()
			cfg := perfConfig(e, []string{"exp_0", "exp_1", "exp_2"}, []time.Time{n.Add(4 * time.Hour), n.Add(time.Hour), n.Add(5 * time.Hour)})
			c := e.counter()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig: func() {
							e.srv.Advance(2 * time.Hour) // perf[1] fires
							if got := len(e.srv.ScheduleIDs()); got != 2 {
								t.Errorf("valid schedules after firing: %d, want 2", got)
							}
							c.delta()
						},
						Config:   cfg,
						PlanOnly: true,
						ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
							callsCheck{c, map[string]int{emulator.RouteList: 1}},
						}},
					},
					{
						PreConfig: func() { c.delta() },
						Config:    cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
						Check: resource.ComposeAggregateTestCheckFunc(
							resource.TestCheckResourceAttr(perfKey(1), "expired", "true"),
							resource.TestCheckResourceAttr(perfKey(0), "expired", "false"),
							checkCalls(c, map[string]int{emulator.RouteList: 1}),
							func(*terraform.State) error {
								if got := e.srv.Stats().Creates; got != 3 {
									return fmt.Errorf("creates = %d, want 3 (a fired schedule was re-created)", got)
								}
								return nil
							},
						),
					},
				},
			})
		})
	}
}

// (e) A template schedule's 3 underlying schedules and 3 plain ones are
// refreshed together from one list call: no GET per schedule.
func TestAccPerf_templateRefreshIsOneListCall(t *testing.T) {
	e := newAccEnv(t, nil)
	e.stableListCache()
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	n := e.now()
	cfg := perfConfig(e, []string{"mix_0", "mix_1", "mix_2"}, []time.Time{n.Add(3 * time.Hour), n.Add(4 * time.Hour), n.Add(5 * time.Hour)}) +
		tplConfig("tpl1", "mix_tpl", "true", tplSingle(rfc(n.Add(6*time.Hour))), threeParams("Order shipped")...)
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				// A template create first notes the schedules bearing its
				// name, to settle a lost answer (template_schedule_pending.go): one
				// list call. The plan and the apply (two processes) each
				// read one list page more to learn JPush's clock before
				// judging the new times (planClock).
				Check: checkCalls(c, map[string]int{emulator.RouteCreate: 3, emulator.RouteCID: 1, emulator.RouteTemplate: 1, emulator.RouteList: 3}),
			},
			{
				PreConfig: func() { c.delta() },
				Config:    cfg,
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					callsCheck{c, map[string]int{emulator.RouteList: 1}},
				}},
			},
		},
	})
}
