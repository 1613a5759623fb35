package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Creates whose outcome is unknown: JPush may have created the schedule but
// no attempt got an answer. The resource is kept as tainted with its CID,
// and the next apply resolves it by that CID: no orphan, no duplicate.

// ambiguousErr is the diagnostic of a create with no definite answer.
var ambiguousErr = regexp.MustCompile(`(?s)Cannot create the JPush schedule: JPush may have created it anyway.*` +
	`saved\s+in\s+the\s+state\s+as\s+tainted.*CID.*next\s+apply\s+resolves\s+it\s+without\s+a\s+duplicate`)

// pendingResolved checks that the state holds one live jpush_schedule and
// that the emulator's valid schedules are exactly that one.
func pendingResolved(e *accEnv) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[res]
		if !ok {
			return fmt.Errorf("%s not in state", res)
		}
		if rs.Primary.Tainted || strings.HasPrefix(rs.Primary.ID, "pending") {
			return fmt.Errorf("%s: tainted %v, id %q; want a live schedule", res, rs.Primary.Tainted, rs.Primary.ID)
		}
		ids := e.srv.ScheduleIDs()
		if len(ids) != 1 || ids[0] != rs.Primary.ID {
			return fmt.Errorf("emulator holds %v, state %s; want exactly the state's schedule", ids, rs.Primary.ID)
		}
		return nil
	}
}

// checkPending checks that the state holds the resource as tainted with no
// id, and that the emulator holds n schedules.
func checkPending(e *accEnv, n int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[res]
		if !ok {
			return fmt.Errorf("%s not in state after the ambiguous create", res)
		}
		if id := rs.Primary.Attributes["id"]; !rs.Primary.Tainted || !strings.HasPrefix(id, "pending-create:"+emulator.DefaultAppKey+"-") {
			return fmt.Errorf("%s: tainted %v, id %q; want tainted with a pending-create id", res, rs.Primary.Tainted, id)
		}
		if ids := e.srv.ScheduleIDs(); len(ids) != n {
			return fmt.Errorf("emulator holds %d schedules %v, want %d", len(ids), ids, n)
		}
		return nil
	}
}

// ambiguousSteps fails the create with kind on every attempt (retries = 2,
// so 3 attempts, and 6 for enabled = false), then shows the tainted resource survives a refresh
// without a single API call and plans a replacement.
// replays receives the emulator's CIDReplays once the faults are cleared.
func ambiguousSteps(e *accEnv, cfg, kind string, stored int, replays *int) []resource.TestStep {
	var c *counter
	return []resource.TestStep{
		{
			PreConfig: func() {
				// Three attempts, and three more for enabled = false: such a
				// create is sent again at once, with the same CID, to resolve it.
				e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteCreate, Kind: kind, Probability: 1, Count: 6}})
			},
			Config:      cfg,
			ExpectError: ambiguousErr,
		},
		{
			PreConfig: func() {
				e.srv.ClearFaults()
				c = e.counter()
				*replays = e.srv.Stats().CIDReplays
			},
			RefreshState: true,
			Check: resource.ComposeTestCheckFunc(
				checkPending(e, stored),
				func(*terraform.State) error {
					// The plan of the replacement reads one list page to
					// learn JPush's clock (planClock); nothing else.
					for k, v := range c.delta() {
						if v != 0 && (k != emulator.RouteList || v > 1) {
							return fmt.Errorf("refreshing the pending resource called %s %d times, want no call", k, v)
						}
					}
					return nil
				},
			),
			ExpectNonEmptyPlan: true,
			RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(res, plancheck.ResourceActionDestroyBeforeCreate),
			}},
		},
	}
}

// The create is committed, every answer dropped: the next apply finds the
// schedule by its CID, deletes it and creates the replacement.
func TestAccReliability_ambiguousCreateCommitted(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	cfg := e.relProvider(2) + singleConfig("lost_answer", rfc(e.now().Add(72*time.Hour)), "false", typedPush2)
	var replays int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(*terraform.State) error {
			if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
				return fmt.Errorf("%d schedules left after destroy", len(ids))
			}
			return nil
		},
		Steps: append(ambiguousSteps(e, cfg, "drop_after_commit", 1, &replays), resource.TestStep{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				pendingResolved(e),
				resource.TestCheckResourceAttr(res, "enabled", "false"),
				func(*terraform.State) error {
					st := e.srv.Stats()
					if st.CIDReplays-replays < 1 || st.Creates != 2 {
						return fmt.Errorf("cid replays %d, creates %d; want >= 1 replay and 2 creates (the first deleted)", st.CIDReplays-replays, st.Creates)
					}
					return nil
				},
			),
		}),
	})
}

// The create never reached JPush's store (the connection is reset before
// it is handled), but the provider cannot know: re-sending the CID creates
// the schedule, which is deleted at once; exactly one schedule is left.
func TestAccReliability_ambiguousCreateNotCommitted(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	cfg := e.relProvider(2) + singleConfig("reset", rfc(e.now().Add(72*time.Hour)), "true", typedPush2)
	var replays int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: append(ambiguousSteps(e, cfg, "reset", 0, &replays), resource.TestStep{
			Config: cfg,
			Check: resource.ComposeTestCheckFunc(
				pendingResolved(e),
				func(*terraform.State) error {
					if st := e.srv.Stats(); st.Creates != 2 {
						return fmt.Errorf("creates %d, want 2 (the resolved one, deleted, and the replacement)", st.Creates)
					}
					return nil
				},
			),
		}),
	})
}

// Destroying a pending resource resolves it the same way and leaves nothing.
func TestAccReliability_ambiguousCreateDestroyed(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	cfg := e.relProvider(2) + singleConfig("destroyed", rfc(e.now().Add(72*time.Hour)), "true", typedPush2)
	var replays int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: append(ambiguousSteps(e, cfg, "drop_after_commit", 1, &replays), resource.TestStep{
			Config:  cfg,
			Destroy: true,
			Check: func(*terraform.State) error {
				if ids := e.srv.ScheduleIDs(); len(ids) != 0 {
					return fmt.Errorf("%d schedules left after destroying the pending resource: %v", len(ids), ids)
				}
				if d := e.srv.Stats().CIDReplays - replays; d != 1 {
					return fmt.Errorf("cid replays %d, want 1", d)
				}
				return nil
			},
		}),
	})
}

// A CID older than 23 hours by JPush's clock is not sent again (JPush may
// have forgotten it and would create a second schedule): the replacement
// goes ahead with a warning, and the earlier schedule stays in JPush.
func TestAccReliability_ambiguousCreateCIDTooOld(t *testing.T) {
	e := newAccEnv(t, nil)
	e.fastRetries(true)
	cfg := e.relProvider(2) + singleConfig("too_old", rfc(e.now().Add(72*time.Hour)), "true", typedPush2)
	var replays int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		Steps: append(ambiguousSteps(e, cfg, "drop_after_commit", 1, &replays), resource.TestStep{
			PreConfig: func() { e.srv.Advance(24 * time.Hour) },
			Config:    cfg,
			Check: func(s *terraform.State) error {
				id, err := idOf(s, res)
				if err != nil {
					return err
				}
				ids := e.srv.ScheduleIDs()
				st := e.srv.Stats()
				if len(ids) != 2 || st.CIDReplays != replays {
					return fmt.Errorf("emulator holds %v (cid replays %d); want the earlier schedule and %s, no replay", ids, st.CIDReplays-replays, id)
				}
				for _, other := range ids {
					if other != id {
						return e.deleteOutOfBand(other) // the orphan the warning is about
					}
				}
				return nil
			},
		}),
	})
}
