package provider

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

const res = "jpush_schedule.test"

func singleConfig(name, at, enabled, push string) string {
	return fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name    = %q
  enabled = %s
  trigger = {
    single = { time = %q }
  }
%s
}
`, name, enabled, at, push)
}

const typedPush = `
  push = {
    platform = ["android", "ios"]
    audience = { tag = ["vip", "beta"] }
    notification = {
      alert   = "Your digest is ready"
      android = { title = "Digest", priority = 1, extras = { screen = "home" } }
      ios     = { badge = "+1", sound = "default", thread_id = "digest" }
    }
    message = { msg_content = "digest", extras = { k = "v" } }
    options = { time_to_live = 3600, apns_production = false }
  }
`

const typedPush2 = `
  push = {
    audience = { all = true }
    notification = { alert = "Changed text" }
  }
`

const jsonPush = `
  push_json = jsonencode({
    platform     = "all"
    audience     = { alias = ["alice"] }
    notification = { alert = "hi", android = { alert = "", extras = { a = "b" } } }
  })
`

func periodicalConfig(name, start, end, clock, unit string, freq int, points, push string) string {
	pt := ""
	if points != "" {
		pt = "point = " + points
	}
	return fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name = %q
  trigger = {
    periodical = {
      start     = %q
      end       = %q
      time      = %q
      time_unit = %q
      frequency = %d
      %s
    }
  }
%s
}
`, name, start, end, clock, unit, freq, pt, push)
}

func expectEmpty() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func expectAction(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, a)}}
}

// Create a single schedule with the typed push, import it, and see an
// empty plan against a plain and a normalising emulator.
func TestAccSchedule_singleTypedPush(t *testing.T) {
	e := newAccEnv(t, nil)
	at := e.now().Add(2 * time.Hour)
	cfg := e.providerConfig() + singleConfig("digest_单次", rfc(at), "true", typedPush)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("expired"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("trigger").AtMapKey("single").AtMapKey("time"), knownvalue.StringExact(rfc(at))),
				},
				Check: func(s *terraform.State) error {
					id, err := idOf(s, res)
					if err != nil {
						return err
					}
					got := e.stored(id)["trigger"].(map[string]any)["single"].(map[string]any)["time"]
					if got != e.wire(at) {
						return fmt.Errorf("wire time %v, want %s", got, e.wire(at))
					}
					if st := e.srv.Stats(); st.Creates != 1 {
						return fmt.Errorf("creates = %d, want 1", st.Creates)
					}
					return nil
				},
			},
			{
				ResourceName:      res,
				ImportState:       true,
				ImportStateVerify: true,
				// Import fills the typed push and, beside it, push_json
				// (so either form of configuration plans nothing); the
				// time is read back as JPush's wall clock.
				ImportStateVerifyIgnore: []string{"trigger.single.time", "push_json"},
			},
			{
				PreConfig: func() { e.setMode(false, true) },
				Config:    cfg,
				PlanOnly:  true,
			},
		},
	})
}

// Import then an equivalent configuration written in wire form plans nothing.
func TestAccSchedule_importThenEmptyPlan(t *testing.T) {
	e := newAccEnv(t, nil)
	e.setMode(false, true) // the server adds option defaults and upper-cases
	cfg := e.providerConfig() + periodicalConfig("imported", e.wire(e.now()), e.wire(e.now().Add(72*time.Hour)),
		"09:30:00", "week", 1, `["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]`, typedPush2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				ResourceName:            res,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"push_json"}, // import fills both forms
			},
			{
				// The imported state against the configuration: no change.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// A schedule made outside Terraform whose push has a field the typed schema
// lacks (inapp_message) is imported into push_json, so nothing JPush holds is
// lost, and the push_json configuration for it then plans no change.
func TestAccSchedule_importUntypedPush(t *testing.T) {
	e := newAccEnv(t, nil)
	at := e.now().Add(5 * time.Hour)
	const wirePush = `{"platform":["android"],"audience":{"tag":["vip"]},` +
		`"notification":{"alert":"hi","android":{"alert":"hi"}},"inapp_message":{"inapp_message":true}}`
	cfg := e.providerConfig() + singleConfig("untyped", rfc(at), "true", `
  push_json = jsonencode({
    platform      = ["android"]
    audience      = { tag = ["vip"] }
    notification  = { alert = "hi", android = { alert = "hi" } }
    inapp_message = { inapp_message = true }
  })
`)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					id = newDSMaker(t, e).create(&client.Schedule{
						Name: "untyped", Enabled: true,
						Trigger: client.Trigger{Single: &client.SingleTrigger{Time: e.wire(at)}}, Push: json.RawMessage(wirePush),
					})
				},
				Config:             cfg,
				ResourceName:       res,
				ImportState:        true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id, nil },
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d instances", len(states))
					}
					attrs := states[0].Attributes
					if !strings.Contains(attrs["push_json"], `"inapp_message":{"inapp_message":true}`) {
						return fmt.Errorf("push_json = %q, want the whole push with inapp_message", attrs["push_json"])
					}
					if n := attrs["push.%"]; n != "" && n != "0" {
						return fmt.Errorf("typed push set on import of an untyped payload: %v", attrs)
					}
					return nil
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionNoop),
				}},
			},
		},
	})
}

// A periodical schedule with push_json, in both emulator modes.
func TestAccSchedule_periodicalPushJSON(t *testing.T) {
	for _, normalize := range []bool{false, true} {
		t.Run(fmt.Sprintf("normalize=%v", normalize), func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.setMode(false, normalize)
			n := e.now()
			cfg := e.providerConfig() + periodicalConfig("daily", rfc(n), rfc(n.Add(30*24*time.Hour)), "08:30:00", "day", 1, "", jsonPush)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{
					{
						Config:           cfg,
						ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(res, tfjsonpath.New("push"), knownvalue.Null()),
							statecheck.ExpectKnownValue(res, tfjsonpath.New("trigger").AtMapKey("periodical").AtMapKey("time_unit"), knownvalue.StringExact("day")),
						},
					},
					{Config: cfg, PlanOnly: true},
				},
			})
		})
	}
}

// In-place updates of name, enabled, push and a same-kind trigger: one PUT
// each, never a DELETE or a second create.
func TestAccSchedule_updateInPlace(t *testing.T) {
	e := newAccEnv(t, nil)
	at := e.now().Add(2 * time.Hour)
	at2 := at.Add(time.Hour)
	c := e.counter()
	step := func(cfg string, a plancheck.ResourceActionType, want map[string]int) resource.TestStep {
		return resource.TestStep{
			Config:           e.providerConfig() + cfg,
			ConfigPlanChecks: expectAction(a),
			Check:            c.checkDelta(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			step(singleConfig("first", rfc(at), "true", typedPush), plancheck.ResourceActionCreate,
				map[string]int{emulator.RouteCreate: 1, emulator.RouteUpdate: 0}),
			step(singleConfig("renamed", rfc(at), "true", typedPush), plancheck.ResourceActionUpdate,
				map[string]int{emulator.RouteUpdate: 1, emulator.RouteDelete: 0, emulator.RouteCreate: 0}),
			step(singleConfig("renamed", rfc(at), "false", typedPush), plancheck.ResourceActionUpdate,
				map[string]int{emulator.RouteUpdate: 1, emulator.RouteDelete: 0, emulator.RouteCreate: 0}),
			step(singleConfig("renamed", rfc(at), "false", typedPush2), plancheck.ResourceActionUpdate,
				map[string]int{emulator.RouteUpdate: 1, emulator.RouteDelete: 0, emulator.RouteCreate: 0}),
			step(singleConfig("renamed", rfc(at2), "false", typedPush2), plancheck.ResourceActionUpdate,
				map[string]int{emulator.RouteUpdate: 1, emulator.RouteDelete: 0, emulator.RouteCreate: 0}),
			{
				Config: e.providerConfig() + singleConfig("renamed", rfc(at2), "false", typedPush2),
				Check: func(s *terraform.State) error {
					id, _ := idOf(s, res)
					m := e.stored(id)
					if m["name"] != "renamed" || m["enabled"] != false {
						return fmt.Errorf("stored schedule %v", m)
					}
					if got := m["trigger"].(map[string]any)["single"].(map[string]any)["time"]; got != e.wire(at2) {
						return fmt.Errorf("stored time %v, want %s", got, e.wire(at2))
					}
					if e.srv.Stats().Creates != 1 {
						return fmt.Errorf("creates = %d, want 1", e.srv.Stats().Creates)
					}
					return nil
				},
			},
		},
	})
}

// Changing the trigger kind replaces the schedule.
func TestAccSchedule_replaceOnTriggerKind(t *testing.T) {
	e := newAccEnv(t, nil)
	n := e.now()
	c := e.counter()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: e.providerConfig() + singleConfig("kind", rfc(n.Add(2*time.Hour)), "true", typedPush2)},
			{
				PreConfig: func() { c.delta() },
				Config: e.providerConfig() + periodicalConfig("kind", e.wire(n), e.wire(n.Add(10*24*time.Hour)),
					"10:00:00", "day", 2, "", typedPush2),
				ConfigPlanChecks: expectAction(plancheck.ResourceActionReplace),
				Check:            c.checkDelta(map[string]int{emulator.RouteDelete: 1, emulator.RouteCreate: 1, emulator.RouteUpdate: 0}),
			},
		},
	})
}

// enabled = false at create: created enabled, then disabled with one PUT.
func TestAccSchedule_disabledAtCreate(t *testing.T) {
	e := newAccEnv(t, nil)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{{
			Config: e.providerConfig() + singleConfig("off", rfc(e.now().Add(time.Hour)), "false", typedPush2),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(res, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
			},
			Check: func(s *terraform.State) error {
				id, _ := idOf(s, res)
				if m := e.stored(id); m["enabled"] != false {
					return fmt.Errorf("emulator has enabled=%v", m["enabled"])
				}
				if n := e.route(emulator.RouteUpdate); n != 1 {
					return fmt.Errorf("PUTs = %d, want 1", n)
				}
				return nil
			},
		}},
	})
}

// The same instant written as RFC 3339 and as local wall clock is no diff.
func TestAccSchedule_timeFormatsNoDiff(t *testing.T) {
	e := newAccEnv(t, nil)
	at := e.now().Add(5 * time.Hour)
	n := e.now()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: e.providerConfig() + singleConfig("fmt", rfc(at), "true", typedPush2)},
			{Config: e.providerConfig() + singleConfig("fmt", e.wire(at), "true", typedPush2), ConfigPlanChecks: expectEmpty()},
			{Config: e.providerConfig() + singleConfig("fmt", at.In(time.FixedZone("", -5*3600)).Format(time.RFC3339), "true", typedPush2), ConfigPlanChecks: expectEmpty()},
			// Periodical: start/end in both formats.
			{Config: e.providerConfig() + periodicalConfig("fmt", rfc(n), rfc(n.Add(48*time.Hour)), "23:59:59", "day", 1, "", typedPush2)},
			{
				Config:           e.providerConfig() + periodicalConfig("fmt", e.wire(n), e.wire(n.Add(48*time.Hour)), "23:59:59", "day", 1, "", typedPush2),
				ConfigPlanChecks: expectEmpty(),
			},
		},
	})
}

// A non-default time_zone: the wire value is the wall clock in that zone.
func TestAccSchedule_timeZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	e := newAccEnv(t, ny)
	at := e.now().Add(26 * time.Hour)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: e.providerConfig(`time_zone = "America/New_York"`) + singleConfig("zone", rfc(at), "true", typedPush2),
				Check: func(s *terraform.State) error {
					id, _ := idOf(s, res)
					got := e.stored(id)["trigger"].(map[string]any)["single"].(map[string]any)["time"]
					if want := at.In(ny).Format("2006-01-02 15:04:05"); got != want {
						return fmt.Errorf("wire time %v, want %s (New York wall clock)", got, want)
					}
					return nil
				},
			},
			{
				Config:           e.providerConfig(`time_zone = "America/New_York"`) + singleConfig("zone", at.In(ny).Format("2006-01-02 15:04:05"), "true", typedPush2),
				ConfigPlanChecks: expectEmpty(),
			},
		},
	})
}

// Mixed-case time_unit and point: no diff, also when the server echoes
// upper case.
func TestAccSchedule_caseInsensitive(t *testing.T) {
	e := newAccEnv(t, nil)
	e.setMode(false, true)
	n := e.now()
	start, end := rfc(n), rfc(n.Add(60*24*time.Hour))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: e.providerConfig() + periodicalConfig("case", start, end, "07:00:00", "Week", 1, `["mon", "Fri"]`, typedPush2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("trigger").AtMapKey("periodical").AtMapKey("time_unit"), knownvalue.StringExact("Week")),
				},
			},
			{
				Config:           e.providerConfig() + periodicalConfig("case", start, end, "07:00:00", "WEEK", 1, `["MON", "fri"]`, typedPush2),
				ConfigPlanChecks: expectEmpty(),
			},
			{
				PreConfig:        func() { e.setMode(false, false) },
				Config:           e.providerConfig() + periodicalConfig("case", start, end, "07:00:00", "week", 1, `["Mon", "FRI"]`, typedPush2),
				ConfigPlanChecks: expectEmpty(),
			},
		},
	})
}

// Deleted out of band while live: a warning, and the next plan re-creates it.
func TestAccSchedule_disappears(t *testing.T) {
	e := newAccEnv(t, nil)
	cfg := e.providerConfig() + singleConfig("gone", rfc(e.now().Add(4*time.Hour)), "true", typedPush2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: func(s *terraform.State) error {
					id, err := idOf(s, res)
					if err != nil {
						return err
					}
					return e.deleteOutOfBand(id)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           cfg,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionCreate),
				Check: func(*terraform.State) error {
					if n := e.srv.Stats().Creates; n != 2 {
						return fmt.Errorf("creates = %d, want 2", n)
					}
					return nil
				},
			},
		},
	})
}

// A single schedule that fires and a periodical one that ends stay in
// state as expired, plan nothing, and are never re-created; an edit plans
// a replacement that needs valid new times.
func TestAccSchedule_expired(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			t.Run("single", func(t *testing.T) { testExpired(t, visible, true) })
			t.Run("periodical", func(t *testing.T) { testExpired(t, visible, false) })
		})
	}
}

func testExpired(t *testing.T, visible, single bool) {
	e := newAccEnv(t, nil)
	e.setMode(visible, false)
	n := e.now()
	var cfg, edited, editedValid string
	if single {
		at := n.Add(time.Hour)
		cfg = singleConfig("fires", rfc(at), "true", typedPush2)
		// In the past on JPush's clock and on the local one alike.
		edited = singleConfig("fires_again", rfc(n.Add(-time.Hour)), "true", typedPush2)
		editedValid = singleConfig("fires_again", rfc(n.Add(4*time.Hour)), "true", typedPush2)
	} else {
		clock := n.Add(time.Hour).In(e.loc).Format("15:04:05")
		cfg = periodicalConfig("ends", rfc(n), rfc(n.Add(90*time.Minute)), clock, "day", 1, "", typedPush2)
		// Past on JPush's clock, but a window that would fire (at n-2h),
		// so that the clock is its only problem: a periodical that never
		// fires is the configuration's own problem, a plan error.
		edited = periodicalConfig("ends_again", rfc(n.Add(-3*time.Hour)), rfc(n.Add(-time.Hour)),
			n.Add(-2*time.Hour).In(e.loc).Format("15:04:05"), "day", 1, "", typedPush2)
		editedValid = periodicalConfig("ends_again", rfc(n.Add(3*time.Hour)), rfc(n.Add(30*time.Hour)), "12:00:00", "day", 1, "", typedPush2)
	}
	p := e.providerConfig()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: p + cfg},
			{
				PreConfig: func() { e.srv.Advance(2 * time.Hour) },
				Config:    p + cfg,
				PlanOnly:  true,
			},
			{
				Config:           p + cfg,
				ConfigPlanChecks: expectEmpty(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("expired"), knownvalue.Bool(true)),
				},
				Check: func(s *terraform.State) error {
					if n := e.srv.Stats().Creates; n != 1 {
						return fmt.Errorf("creates = %d, want 1 (an expired schedule was re-created)", n)
					}
					id, _ := idOf(s, res)
					if runs, ok := e.srv.Schedule(id); single && ok && len(runs) == 0 {
						return fmt.Errorf("schedule %s has no data", id)
					}
					return nil
				},
			},
			{
				// An edit to a time already past plans the replacement with a
				// warning (an error would block terraform destroy); the apply
				// refuses it (TestAccLifecycle_clockProblemsWarnAtPlan).
				Config:             p + edited,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           p + editedValid,
				ConfigPlanChecks: expectAction(plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("expired"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if n := e.srv.Stats().Creates; n != 2 {
						return fmt.Errorf("creates = %d, want 2", n)
					}
					return nil
				},
			},
		},
	})
}

// Wrong credentials: one clear error, no panic, no retry storm.
func TestAccProvider_wrongCredentials(t *testing.T) {
	e := newAccEnv(t, nil)
	p := testTerraformBlock + fmt.Sprintf(`
provider "jpush" {
  app_key       = %q
  master_secret = "wrongsecretwrongsecret00"
  endpoint      = %q
}
`, emulator.DefaultAppKey, e.srv.URL)
	cfg := p + singleConfig("creds", rfc(e.now().Add(time.Hour)), "true", typedPush2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg, ExpectError: regexp.MustCompile(`(?s)HTTP 401.*(8101|1004).*credentials`)},
			{
				ResourceName:  res,
				ImportState:   true,
				ImportStateId: "6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f",
				Config:        cfg,
				ExpectError:   regexp.MustCompile(`(?s)HTTP 401,\s+code\s+8101`),
			},
		},
	})
	// No retry: the create's CID call and the import's GET, one each, and
	// one read of JPush's clock (a list page) by each of the three
	// provider instances that plan a create.
	if st := e.srv.Stats().Requests; e.requests()-st[emulator.RouteList] > 2 || st[emulator.RouteList] > 3 {
		t.Errorf("wrong credentials caused %d requests; want a handful (no retries): %v", e.requests(), st)
	}
}

// Missing credentials: attribute-scoped errors before any request.
func TestAccProvider_missingCredentials(t *testing.T) {
	t.Setenv(conn.EnvAppKey, "")
	t.Setenv(conn.EnvMasterSecret, "")
	e := newAccEnv(t, nil)
	cfg := fmt.Sprintf("provider \"jpush\" {\n  endpoint = %q\n}\n", e.srv.URL) +
		singleConfig("creds", rfc(e.now().Add(time.Hour)), "true", typedPush2)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing JPush app key.*JPUSH_APP_KEY`)},
			{Config: cfg, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing JPush master secret.*JPUSH_MASTER_SECRET`)},
		},
	})
	if n := e.requests(); n != 0 {
		t.Errorf("missing credentials caused %d requests, want 0", n)
	}
}
