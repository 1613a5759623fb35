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
	t.Parallel()
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

// total is the number of requests in d.
func total(d map[string]int) int {
	n := 0
	for _, v := range d {
		n += v
	}
	return n
}

// The measure: N = 100 single schedules that have all fired. A
// plan and a destroy each make at most the 2 list pages, under JPush's
// 100-a-minute limit and without waiting for a window (no 429, and far
// fewer calls than a window holds); a no-change plan of the same 100 live
// schedules also makes at most 2. Both visibility modes.
func TestAccPerf_hundredFiredCostOnlyTheList(t *testing.T) {
	const n = 100
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			e := newAccEnv(t, nil)
			e.stableListCache()
			e.setMode(visible, false)
			h := newCLIHarness(t).withClients(e)
			at := e.now().Add(time.Hour)
			names, times := make([]string, n), make([]time.Time, n)
			for i := range names {
				names[i], times[i] = fmt.Sprintf("hundred_%d", i), at
			}
			h.write(perfConfig(e, names, times))
			h.must("init")
			h.must("apply", "-auto-approve")
			// JPush's limit from here on: the creates above used none of
			// its window.
			limit := 100
			e.srv.Configure(emulator.Config{RateLimitPerMinute: &limit})
			c := e.counter()
			plan := func(what string) {
				t.Helper()
				if out, code := h.run("plan", "-detailed-exitcode"); code != 0 {
					t.Fatalf("%s: want an empty plan (exit 0), got exit %d:\n%s", what, code, out)
				}
				if d := c.delta(); total(d) > 2 || d[emulator.RouteGet] != 0 {
					t.Errorf("%s: %d API calls, want at most the 2 list pages (all: %v)", what, total(d), d)
				}
			}
			plan("no-change plan of 100 live schedules")

			e.srv.Advance(2 * time.Hour) // all fire
			if got := len(e.srv.ScheduleIDs()); got != 0 {
				t.Fatalf("%d schedules still valid after firing", got)
			}
			plan("plan after all 100 fired")
			if out := h.must("destroy", "-auto-approve"); !strings.Contains(out, fmt.Sprintf("%d destroyed", n)) {
				t.Fatalf("destroy did not destroy all %d:\n%s", n, out)
			}
			if d := c.delta(); total(d) > 2 || d[emulator.RouteGet] != 0 || d[emulator.RouteDelete] != 0 {
				t.Errorf("destroy after all 100 fired: %d API calls, want at most the 2 list pages (all: %v)", total(d), d)
			}
			if got := e.srv.Stats().RateLimited; got != 0 {
				t.Errorf("%d answers 429", got)
			}
			if st := h.must("state", "list"); strings.TrimSpace(st) != "" {
				t.Errorf("state still lists %q", st)
			}
		})
	}
}

// A fired schedule missing from the list costs no GET, for both
// resources; a schedule missing from the list that has NOT ended still
// gets its GET, so a deletion outside Terraform is never hidden: its 404
// removes it from the state and the plan creates it again. Both
// visibility modes.
func TestAccPerf_firedNoGetDeletedLiveStillGets(t *testing.T) {
	t.Parallel()
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, nil)
			e.stableListCache()
			e.setMode(visible, false)
			e.srv.DefineTemplate("tpl1", []string{"title", "content"})
			h := newCLIHarness(t).withClients(e)
			n := e.now()
			at, later := n.Add(time.Hour), n.Add(5*time.Hour)
			h.write(firedConfig(e, []string{"fires", "deleted", "live"}, []time.Time{at, later, later}, at))
			h.must("init")
			h.must("apply", "-auto-approve")
			ids := e.srv.ScheduleIDs()
			e.srv.Advance(2 * time.Hour) // perf[0] and the template's 3 fire
			live := e.srv.ScheduleIDs()
			if len(ids) != 6 || len(live) != 2 {
				t.Fatalf("%d schedules, %d live after firing; want 6 and 2", len(ids), len(live))
			}
			deleted := live[0]
			if e.stored(deleted)["name"] != "deleted" {
				deleted = live[1]
			}
			if err := e.deleteOutOfBand(deleted); err != nil {
				t.Fatal(err)
			}
			c := e.counter()
			out := h.must("plan")
			if d := c.delta(); d[emulator.RouteList] != 1 || d[emulator.RouteGet] != 1 || total(d) != 2 {
				t.Errorf("plan: want the list and one GET (the deleted live schedule), got %v", d)
			}
			if !strings.Contains(out, "jpush_schedule.perf[1] will be created") || !strings.Contains(out, "1 to add, 0 to change, 0 to destroy") {
				t.Errorf("the deleted live schedule must be planned again, and nothing else:\n%s", out)
			}
			if ws := strings.Join(warnings(out), "\n"); !strings.Contains(ws, "deleted outside Terraform") {
				t.Errorf("want a warning about the deletion, got:\n%s", ws)
			}
		})
	}
}
