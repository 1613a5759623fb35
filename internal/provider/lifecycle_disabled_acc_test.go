package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 10, item 3: JPush creates only enabled schedules, so enabled =
// false is a create and then a disabling PUT. Whatever happens between the
// two, no schedule the configuration says is disabled may be left enabled
// in JPush.

// enabledSchedules lists the emulator's schedules that are enabled.
func (e *accEnv) enabledSchedules() []string {
	var on []string
	for _, id := range e.srv.ScheduleIDs() {
		if e.stored(id)["enabled"] == true {
			on = append(on, id)
		}
	}
	return on
}

// checkOneDisabled asserts that the state's schedule is the emulator's
// only one, and disabled.
func checkOneDisabled(e *accEnv) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, res)
		if err != nil {
			return err
		}
		if ids := e.srv.ScheduleIDs(); len(ids) != 1 || ids[0] != id {
			return fmt.Errorf("emulator holds %v, state %s", ids, id)
		}
		if on := e.enabledSchedules(); len(on) != 0 {
			return fmt.Errorf("enabled schedules in JPush: %v", on)
		}
		return nil
	}
}

// The disabling PUT fails (500, no retries): the new schedule is deleted,
// nothing is recorded, and the next apply makes it disabled.
func TestAccLifecycle_disabledCreateDisableFails(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	p := e.relProvider(0)
	cfg := p + singleConfig("off", rfc(e.now().Add(time.Hour)), "false", typedPush2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500"}}) },
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Cannot create the JPush schedule disabled.*HTTP 500.*It was deleted, so that it\s+cannot fire`),
			},
			{
				PreConfig: func() {
					st := e.srv.Stats()
					if st.Creates != 1 || st.Schedules != 0 || len(e.srv.ScheduleIDs()) != 0 {
						t.Errorf("after the failed disable: %d creates, %d schedules %v; want the one created deleted",
							st.Creates, st.Schedules, e.srv.ScheduleIDs())
					}
					e.srv.ClearFaults()
				},
				Config: cfg,
				Check:  checkOneDisabled(e),
			},
		},
	})
}

// The disabling PUT and the clean-up DELETE both fail: the schedule stays
// in the state (tainted, enabled = true as in JPush) so that the next
// apply deletes it and makes a disabled one.
func TestAccLifecycle_disabledCreateDisableAndDeleteFail(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	p := e.relProvider(0)
	cfg := p + singleConfig("off", rfc(e.now().Add(time.Hour)), "false", typedPush2)
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{
						{Route: emulator.RouteUpdate, Kind: "status_500"},
						{Route: emulator.RouteDelete, Kind: "status_500"},
					})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)is ENABLED although the configuration says enabled = false.*recorded in the state as tainted`),
			},
			{
				PreConfig: func() {
					on := e.enabledSchedules()
					if len(on) != 1 {
						t.Fatalf("want the one schedule JPush could neither disable nor delete, got %v", on)
					}
					first = on[0]
					e.srv.ClearFaults()
				},
				Config: cfg,
				Check: resource.ComposeTestCheckFunc(checkOneDisabled(e), func(s *terraform.State) error {
					if id, _ := idOf(s, res); id == first {
						return fmt.Errorf("the tainted schedule %s was kept", first)
					}
					return nil
				}),
			},
		},
	})
}

// cancelOnPUT is an HTTP transport that cancels a context (as Terraform
// does on Ctrl-C) the moment the first PUT is sent, then sends it on with
// its own context: a PUT bound to the cancelled context fails at once.
type cancelOnPUT struct {
	cancel context.CancelFunc
	once   sync.Once
}

func (c *cancelOnPUT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut {
		c.once.Do(c.cancel)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// The run is interrupted between the create and the disable: the apply's
// context is cancelled when the disabling PUT leaves. The disable must be
// made all the same (or the schedule deleted), never left enabled.
func TestAccLifecycle_disabledCreateInterrupted(t *testing.T) {
	e := newAccEnv(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.adjustClients(func(c *client.Config) {
		c.HTTPClient = &http.Client{Transport: &cancelOnPUT{cancel: cancel}}
	})

	srv, err := e.factories()["jpush"]()
	if err != nil {
		t.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pcfg := benchDV(t, sch.Provider.ValueType(), map[string]any{
		"app_key": emulator.DefaultAppKey, "master_secret": emulator.DefaultMasterSecret, "endpoint": e.srv.URL,
	})
	cr, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{Config: pcfg})
	benchDiags(t, "configure", err, cr.Diagnostics)

	typ := sch.ResourceSchemas["jpush_schedule"].ValueType()
	cfg := map[string]any{
		"name": "off", "enabled": false,
		"trigger": map[string]any{"single": map[string]any{"time": rfc(e.now().Add(time.Hour))}},
		"push":    map[string]any{"audience": map[string]any{"all": true}, "notification": map[string]any{"alert": "x"}},
	}
	config := benchDV(t, typ, cfg)
	pl, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: "jpush_schedule", PriorState: benchNull(t, typ), ProposedNewState: config, Config: config,
	})
	benchDiags(t, "plan", err, pl.Diagnostics)
	ar, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "jpush_schedule", PriorState: benchNull(t, typ), PlannedState: pl.PlannedState, Config: config,
	})
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() == nil {
		t.Fatal("the apply's context was not cancelled: the test did not interrupt anything")
	}
	if on := e.enabledSchedules(); len(on) != 0 {
		t.Fatalf("interrupted between create and disable: JPush holds enabled schedules %v (diagnostics %v)", on, ar.Diagnostics)
	}
	// What the state records must match JPush: the disabled schedule, or
	// nothing when it was deleted.
	st, err := ar.NewState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	ids := e.srv.ScheduleIDs()
	if st.IsNull() {
		if len(ids) != 0 {
			t.Fatalf("nothing recorded, but JPush holds %v", ids)
		}
		return
	}
	var attrs map[string]tftypes.Value
	var id string
	var enabled bool
	if err := st.As(&attrs); err != nil || attrs["id"].As(&id) != nil || attrs["enabled"].As(&enabled) != nil {
		t.Fatalf("state: %v", err)
	}
	if len(ids) != 1 || ids[0] != id || enabled {
		t.Fatalf("state records %s (enabled=%v), JPush holds %v", id, enabled, ids)
	}
}

// The create's answer is lost (committed, then the connection dropped, no
// retries): JPush holds an enabled schedule that the state cannot name.
// For enabled = false it is resolved at once by its CID and disabled,
// rather than left enabled until the next apply.
func TestAccLifecycle_disabledCreateAnswerLost(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	p := e.relProvider(0)
	cfg := p + singleConfig("off", rfc(e.now().Add(time.Hour)), "false", typedPush2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteCreate, Kind: "drop_after_commit", Count: 1}})
			},
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(checkOneDisabled(e), func(*terraform.State) error {
				if st := e.srv.Stats(); st.Creates != 1 || st.FaultsFired != 1 || st.CIDReplays != 1 {
					return fmt.Errorf("%d creates, %d faults, %d CID replays; want 1 each", st.Creates, st.FaultsFired, st.CIDReplays)
				}
				return nil
			}),
		}},
	})
}
