package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Issue 10, item 7: a schedule that fired between the plan and the apply,
// or before an edit. Moving a single time from T1 to T2 with a plan saved
// before T1 and applied after it must fail saying that the schedule fired
// meanwhile; the next plan replaces the spent schedule and must warn that
// it pushed at T1 and that applying pushes again at T2.
func TestAccLifecycle_firedBetweenPlanAndApply(t *testing.T) {
	t.Parallel()
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, nil)
			e.setMode(visible, false)
			h := newCLIHarness(t)
			n := e.now()
			t1, t2 := n.Add(time.Hour), n.Add(3*time.Hour)
			p := e.providerConfig()
			h.write(p + lifecycleSchedule("moves", rfc(t1)))
			h.must("init")
			h.must("apply", "-auto-approve")

			h.write(p + lifecycleSchedule("moves", rfc(t2)))
			if out := h.must("plan", "-out=tfplan"); !strings.Contains(out, "1 to change") {
				t.Fatalf("the move before T1 must be an update in place:\n%s", out)
			}
			e.srv.Advance(90 * time.Minute) // T1 fires
			out, code := h.run("apply", "tfplan")
			msg := oneLine(out)
			if code == 0 || !strings.Contains(msg, "Error: The JPush schedule fired before it could be updated") ||
				!strings.Contains(msg, "pushed at "+e.wire(t1)) || !strings.Contains(msg, "pushes again at "+e.wire(t2)) ||
				!strings.Contains(msg, "Nothing was changed") {
				t.Fatalf("apply of the saved plan: exit %d, want an error saying that the schedule pushed at %s and that a replacement pushes again at %s:\n%s",
					code, e.wire(t1), e.wire(t2), out)
			}
			if st := e.srv.Stats(); st.Creates != 1 {
				t.Fatalf("%d creates, want 1", st.Creates)
			}

			out = h.must("plan")
			ws := strings.Join(warnings(out), "\n")
			if !strings.Contains(out, "must be replaced") || !strings.Contains(ws, "Replacing a schedule that has already pushed") ||
				!strings.Contains(ws, "pushed at "+e.wire(t1)) || !strings.Contains(ws, "pushes again at "+e.wire(t2)) {
				t.Fatalf("the next plan must replace the spent schedule with a warning that it pushed at %s and pushes again at %s:\n%s",
					e.wire(t1), e.wire(t2), out)
			}
			if st := e.srv.Stats(); st.Creates != 1 {
				t.Fatalf("planning created a schedule: %d creates", st.Creates)
			}
		})
	}
}

// A fired schedule whose configuration is then edited: the replacement's
// plan warns, for both resource types, and an empty plan does not.
func TestAccLifecycle_firedBeforeEditWarns(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	n := e.now()
	t1, t2 := n.Add(time.Hour), n.Add(5*time.Hour)
	p := e.providerConfig()
	cfg := p + lifecycleSchedule("fires", rfc(t1)) + lifecycleTemplate("fires_tpl", rfc(t1))
	h.write(cfg)
	h.must("init")
	h.must("apply", "-auto-approve")
	e.srv.Advance(2 * time.Hour)
	if out := h.must("plan"); !strings.Contains(out, "No changes") || len(warnings(out)) != 0 {
		t.Fatalf("fired, not edited: want an empty plan without warnings:\n%s", out)
	}

	h.write(p + lifecycleSchedule("fires", rfc(t2)) + lifecycleTemplate("fires_tpl", rfc(t2)))
	out := h.must("plan", "-json")
	got := map[string]bool{}
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "warning" && d.Summary == "Replacing a schedule that has already pushed" &&
			strings.Contains(d.Detail, "pushed at "+e.wire(t1)) && strings.Contains(d.Detail, "pushes again at "+e.wire(t2)) {
			got[d.Address] = true
		}
	}
	if !got["jpush_schedule.s"] || !got["jpush_template_schedule.t"] {
		t.Fatalf("want a warning for each replaced schedule, got one for %v:\n%s", got, out)
	}
}

// A periodical schedule that has pushed and is still live, changed to a
// single one (a replacement decided by the trigger kind): the plan warns
// that it has pushed and that the new schedule pushes again.
func TestAccLifecycle_replacingPushingPeriodicalWarns(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	n := e.now()
	first := n.Add(time.Hour)
	periodical := fmt.Sprintf(`{ periodical = { start = %q, end = %q, time = %q, time_unit = "day", frequency = 1 } }`,
		rfc(n), rfc(n.Add(10*24*time.Hour)), first.In(e.loc).Format("15:04:05"))
	p := e.providerConfig()
	h.write(p + lifecycleScheduleTrigger("daily", periodical) + lifecycleTemplateTrigger("daily_tpl", periodical))
	h.must("init")
	h.must("apply", "-auto-approve")
	e.srv.Advance(2 * time.Hour) // the first push

	at := n.Add(5 * time.Hour)
	h.write(p + lifecycleSchedule("daily", rfc(at)) + lifecycleTemplate("daily_tpl", rfc(at)))
	out := h.must("plan", "-json")
	got := map[string]bool{}
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "warning" && d.Summary == "Replacing a schedule that has already pushed" &&
			strings.Contains(d.Detail, "first pushed at "+e.wire(first)) && strings.Contains(d.Detail, "is still pushing") &&
			strings.Contains(d.Detail, "pushes again at "+e.wire(at)) {
			got[d.Address] = true
		}
	}
	if !got["jpush_schedule.s"] || !got["jpush_template_schedule.t"] {
		t.Fatalf("want a warning for each replaced schedule, got one for %v:\n%s", got, out)
	}
}
