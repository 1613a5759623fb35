package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 13: fired and ended schedules cost no API calls. A configuration
// that has run for months is mostly schedules that have fired; a DELETE of
// one can only answer 404 (JPush no longer returns it) or remove a record
// that never fires again, so neither a destroy nor a replacement sends it.

// firedConfig is jpush_schedule.perf[i] firing at times[i] and a
// jpush_template_schedule.test of 3 params firing at tplAt.
func firedConfig(e *accEnv, names []string, times []time.Time, tplAt time.Time) string {
	return perfConfig(e, names, times) +
		tplConfig("tpl1", "fired_tpl", "true", tplSingle(rfc(tplAt)), threeParams("Order shipped")...)
}

// Destroying fired schedules, or replacing one after an edit, sends no
// DELETE, in both visibility modes; a live schedule is still deleted. The
// fired schedules stay in JPush as JPush keeps them (expired: never fire
// again, not counted in the quota).
func TestAccPerf_firedDestroySendsNoDelete(t *testing.T) {
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, nil)
			e.setMode(visible, false)
			e.srv.DefineTemplate("tpl1", []string{"title", "content"})
			h := newCLIHarness(t)
			n := e.now()
			at := n.Add(time.Hour)
			names, times := []string{"fired_0", "fired_1", "fired_2"}, []time.Time{at, at, at}
			h.write(firedConfig(e, names, times, at))
			h.must("init")
			h.must("apply", "-auto-approve")
			fired := e.srv.ScheduleIDs()
			if len(fired) != 6 {
				t.Fatalf("after apply the emulator holds %d schedules, want 6", len(fired))
			}
			e.srv.Advance(2 * time.Hour) // all fire
			c := e.counter()

			// An edit of fired perf[0] replaces it: a create, no DELETE.
			h.write(firedConfig(e, names, []time.Time{n.Add(5 * time.Hour), at, at}, at))
			if out := h.must("apply", "-auto-approve"); !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
				t.Fatalf("the edit of a fired schedule must replace it:\n%s", out)
			}
			if d := c.delta(); d[emulator.RouteDelete] != 0 || d[emulator.RouteCreate] != 1 {
				t.Errorf("replacing a fired schedule: %d DELETEs and %d creates, want 0 and 1 (all: %v)", d[emulator.RouteDelete], d[emulator.RouteCreate], d)
			}
			live := e.srv.ScheduleIDs()
			if len(live) != 1 {
				t.Fatalf("after the replacement the emulator holds %d live schedules, want 1", len(live))
			}

			// Destroy: one DELETE, for the live replacement only.
			if out := h.must("destroy", "-auto-approve"); !strings.Contains(out, "4 destroyed") {
				t.Fatalf("destroy did not destroy all 4 resources:\n%s", out)
			}
			if d := c.delta(); d[emulator.RouteDelete] != 1 {
				t.Errorf("destroy: %d DELETEs, want 1, for the live schedule only (all: %v)", d[emulator.RouteDelete], d)
			}
			if st := h.must("state", "list"); strings.TrimSpace(st) != "" {
				t.Errorf("state still lists %q", st)
			}
			if _, ok := e.srv.Schedule(live[0]); ok {
				t.Errorf("the live schedule %s was not deleted", live[0])
			}
			for _, id := range fired {
				if _, ok := e.srv.Schedule(id); !ok {
					t.Errorf("the fired schedule %s was deleted; it should stay as JPush keeps it", id)
				}
			}
		})
	}
}
