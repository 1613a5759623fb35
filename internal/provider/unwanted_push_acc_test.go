package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Issue 20: nothing pushes what the configuration does not say. Each test
// walks one path as a user does, with the real CLI against the emulator.

// greetingTemplate is a jpush_template_schedule "t" of template tpl1 with
// one param whose greeting is given.
func greetingTemplate(at, greeting string) string {
	return fmt.Sprintf(`
resource "jpush_template_schedule" "t" {
  template_id   = "tpl1"
  schedule_name = "greeting"
  trigger       = { single = { time = %q } }
  params = [
    { trace_id = "p1", audience = { alias = ["alice"] }, keys = { greeting = %q } },
  ]
}
`, at, greeting)
}

// importedTemplate applies greetingTemplate, forgets it and imports it
// back with the p1=<id> form, as a user recovering a lost state does. It
// returns the schedule id.
func importedTemplate(t *testing.T, e *accEnv, h *cliHarness, cfg string) string {
	t.Helper()
	e.srv.DefineTemplate("tpl1", []string{"greeting"})
	h.write(cfg)
	h.must("init")
	h.must("apply", "-auto-approve")
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 {
		t.Fatalf("%d schedules after the create, want 1", len(ids))
	}
	h.must("state", "rm", "jpush_template_schedule.t")
	h.must("import", "jpush_template_schedule.t", "p1="+ids[0])
	return ids[0]
}

// Path 1: after an import, the first plan records template_id and keys from
// the configuration (sending nothing), and an edit of the keys then plans
// the documented replacement, whose schedule pushes the new text.
func TestAccTemplateSchedule_importedKeysEditReplaces(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	p := e.providerConfig()
	id := importedTemplate(t, e, h, p+greetingTemplate(at, "hello"))

	out := h.must("plan", "-json")
	var recorded bool
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "warning" && strings.Contains(d.Summary, "taken from the configuration") &&
			strings.Contains(d.Detail, "JPush does not return") {
			recorded = true
		}
	}
	if !recorded || !strings.Contains(out, `"update"`) {
		t.Fatalf("the first plan after the import must record template_id and keys in place, with a warning:\n%s", out)
	}
	c := e.counter()
	h.must("apply", "-auto-approve")
	if d := c.delta(); d[emulator.RouteUpdate]+d[emulator.RouteCreate]+d[emulator.RouteTemplate]+d[emulator.RouteDelete] != 0 {
		t.Fatalf("recording the configuration sent writes to JPush: %v", d)
	}
	if out := h.must("plan", "-detailed-exitcode"); !strings.Contains(out, "No changes") {
		t.Fatalf("after the record, the plan must be empty:\n%s", out)
	}

	h.write(p + greetingTemplate(at, "goodbye"))
	if out := h.must("plan"); !strings.Contains(out, "must be replaced") {
		t.Fatalf("an edit of keys after the import must plan a replacement:\n%s", out)
	}
	h.must("apply", "-auto-approve")
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 || ids[0] == id {
		t.Fatalf("schedules %v after the replacement, want one new schedule (old %s)", ids, id)
	}
	if alert := fmt.Sprint(e.stored(ids[0])["push"]); !strings.Contains(alert, "goodbye") || strings.Contains(alert, "hello") {
		t.Fatalf("JPush would push %s, want the configuration's goodbye", alert)
	}
}

// Path 2: an imported template schedule that fires before anything was
// applied is expired with an empty plan, like any other.
func TestAccTemplateSchedule_importedThenFired(t *testing.T) {
	t.Parallel()
	for _, visible := range []bool{false, true} {
		t.Run(fmt.Sprintf("expired_visible=%v", visible), func(t *testing.T) {
			t.Parallel()
			e := newAccEnv(t, nil)
			e.setMode(visible, false)
			h := newCLIHarness(t)
			at := e.now().Add(time.Hour)
			importedTemplate(t, e, h, e.providerConfig()+greetingTemplate(rfc(at), "hello"))
			e.srv.Advance(2 * time.Hour)
			out, code := h.run("plan", "-detailed-exitcode")
			if code != 0 || !strings.Contains(out, "No changes") {
				t.Fatalf("plan after the imported schedule fired: exit %d, want an empty plan:\n%s", code, out)
			}
			h.must("apply", "-refresh-only", "-auto-approve")
			if st := h.must("state", "show", "jpush_template_schedule.t"); !strings.Contains(st, "expired") ||
				!strings.Contains(oneLine(st), "expired = true") {
				t.Fatalf("want expired = true in the state:\n%s", st)
			}
		})
	}
}

// Path 3: an edit of a fired single schedule that keeps its past time
// cannot be applied: the plan says so (and never that it pushes again at a
// time that has passed), the apply fails, and the record stays.
func TestAccSchedule_editOfFiredKeepsRecord(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	h := newCLIHarness(t)
	t1 := e.now().Add(time.Hour)
	p := e.providerConfig()
	h.write(p + lifecycleSchedule("fires", rfc(t1)))
	h.must("init")
	h.must("apply", "-auto-approve")
	e.srv.Advance(2 * time.Hour)

	h.write(p + strings.Replace(lifecycleSchedule("fires", rfc(t1)), `alert = "hi"`, `alert = "hello again"`, 1))
	out := h.must("plan")
	ws := strings.Join(warnings(out), "\n")
	if strings.Contains(ws, "pushes again at "+e.wire(t1)) || !strings.Contains(oneLine(ws), "cannot be applied") {
		t.Fatalf("the plan must say that the edit cannot be applied, and never that it pushes again at %s:\n%s", e.wire(t1), out)
	}
	if out, code := h.run("apply", "-auto-approve"); code == 0 {
		t.Fatalf("the apply must fail:\n%s", out)
	}
	if list := h.must("state", "list"); !strings.Contains(list, "jpush_schedule.s") {
		t.Fatalf("the record of the fired schedule was lost:\n%s", list)
	}
	if out := h.must("plan"); !strings.Contains(out, "0 to add") || !strings.Contains(out, "cannot be applied") {
		t.Fatalf("the next plan must not create the schedule again, and say again that the edit cannot be applied:\n%s", out)
	}
	if st := e.srv.Stats(); st.Creates != 1 {
		t.Fatalf("%d creates, want 1", st.Creates)
	}
	// Reverting the edit gives an empty plan; a future time pushes again.
	h.write(p + lifecycleSchedule("fires", rfc(t1)))
	if out := h.must("plan"); !strings.Contains(out, "No changes") {
		t.Fatalf("reverted: want an empty plan:\n%s", out)
	}
}

// Path 4: a schedule left outside the state (an interrupted apply, a lost
// state, state rm) is named at the plan that would create its twin, with
// the import command, for both resource types; it is not adopted.
func TestAccLifecycle_unmanagedTwinNamedAtPlan(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	cfg := e.providerConfig() + lifecycleSchedule("twin", at) + lifecycleTemplate("twin_tpl", at)
	h.write(cfg)
	h.must("init")
	h.must("apply", "-auto-approve")
	sid := h.stateAttr("jpush_schedule.s", "id")
	tid := h.stateAttr("jpush_template_schedule.t", "id")
	if out := h.must("plan"); len(warnings(out)) != 0 {
		t.Fatalf("managed schedules must not be named as unmanaged:\n%s", out)
	}
	h.must("state", "rm", "jpush_schedule.s", "jpush_template_schedule.t")

	c := e.counter()
	out := h.must("plan", "-json")
	got := map[string]string{}
	for _, d := range jsonDiagnostics(out) {
		if d.Severity == "warning" && strings.Contains(d.Summary, "identical schedule") {
			got[d.Address] = d.Detail
		}
	}
	if !strings.Contains(got["jpush_schedule.s"], "terraform import ") || !strings.Contains(got["jpush_schedule.s"], " "+sid) {
		t.Fatalf("want a warning naming %s with its import command for jpush_schedule.s, got %v:\n%s", sid, got, out)
	}
	if !strings.Contains(got["jpush_template_schedule.t"], "terraform import ") || !strings.Contains(got["jpush_template_schedule.t"], "a="+tid) {
		t.Fatalf("want a warning with the import command of %s for jpush_template_schedule.t, got %v", tid, got)
	}
	if d := c.delta(); d[emulator.RouteGet] != 0 || d[emulator.RouteList] > 1 {
		t.Fatalf("the plan read %v: want no GET and at most one list read", d)
	}
	if n := len(e.srv.ScheduleIDs()); n != 2 {
		t.Fatalf("planning changed JPush: %d schedules", n)
	}
}

// stateAttr reads one attribute of a resource from terraform show -json.
func (h *cliHarness) stateAttr(addr, attr string) string {
	h.t.Helper()
	var st struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(h.must("show", "-json")), &st); err != nil {
		h.t.Fatal(err)
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.Address == addr {
			return fmt.Sprint(r.Values[attr])
		}
	}
	h.t.Fatalf("%s not in the state", addr)
	return ""
}

// Path 1's sibling: the configuration's keys are edited between the import
// and the first plan. JPush returns no keys, but what it holds to push does
// not show the new ones: the plan replaces the schedules instead of
// recording keys they were not made with, and JPush then pushes the
// configuration's text.
func TestAccTemplateSchedule_importedThenEditedReplaces(t *testing.T) {
	t.Parallel()
	e := newAccEnv(t, nil)
	h := newCLIHarness(t)
	at := rfc(e.now().Add(3 * time.Hour))
	p := e.providerConfig()
	id := importedTemplate(t, e, h, p+greetingTemplate(at, "hello"))
	h.write(p + greetingTemplate(at, "goodbye"))
	out := h.must("plan")
	if !strings.Contains(out, "must be replaced") || !strings.Contains(oneLine(strings.Join(warnings(out), " ")), "replaced to push the configured keys") {
		t.Fatalf("keys edited before the first plan after the import: want a replacement with a warning:\n%s", out)
	}
	h.must("apply", "-auto-approve")
	ids := e.srv.ScheduleIDs()
	if len(ids) != 1 || ids[0] == id {
		t.Fatalf("schedules %v, want one new schedule (old %s)", ids, id)
	}
	if alert := fmt.Sprint(e.stored(ids[0])["push"]); !strings.Contains(alert, "goodbye") {
		t.Fatalf("JPush would push %s, want the configuration's goodbye", alert)
	}
}
