package provider

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// TestAccRandomLifecycle walks the whole lifecycle at random, as a user
// and a flaky JPush would, with the real CLI against the emulator: edits,
// applies, saved plans applied later, faults, clock moves, out-of-band
// deletes, imports and destroys. After every step it checks the
// invariants of issue 20:
//
//   - no push the configuration does not say: every push the emulator sent
//     has a name and text some configuration asked for, and no name pushed
//     twice at one instant (a duplicate create, or a fired schedule made
//     again);
//   - no crash and no secret in any output;
//
// and at every settle (faults cleared, times moved to the future, apply):
//
//   - the apply succeeds (no stuck state), the next plan is empty, and the
//     state equals JPush: the schedules JPush holds for this configuration
//     are exactly those of the state, with the configured names and texts.
//
// JPUSH_RANDOM_SEEDS (comma-separated) and JPUSH_RANDOM_STEPS choose the
// walk; make test runs a short one, make random-lifecycle a long one. A
// failure prints the seed and step, and the seed replays the same walk.
func TestAccRandomLifecycle(t *testing.T) {
	t.Parallel()
	seeds := []int64{1, 2}
	if s := os.Getenv("JPUSH_RANDOM_SEEDS"); s != "" {
		seeds = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
			if err != nil {
				t.Fatalf("JPUSH_RANDOM_SEEDS: %v", err)
			}
			seeds = append(seeds, n)
		}
	}
	steps := 40
	if s := os.Getenv("JPUSH_RANDOM_STEPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("JPUSH_RANDOM_STEPS: %v", err)
		}
		steps = n
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			w := newWalk(t, seed)
			for i := 0; i < steps; i++ {
				w.step = i
				w.randomStep()
				w.checkPushes()
			}
			w.settle()
			t.Logf("seed %d: %d steps, %d pushes, %d schedules created", seed, steps, len(w.e.srv.Pushes()), w.e.srv.Stats().Creates)
		})
	}
}

// rlSlot is one resource of the walk's configuration: jpush_schedule
// "s<i>", or jpush_template_schedule "t" for the last slot.
type rlSlot struct {
	present bool
	name    string
	text    string // the alert, or the template's greeting
	enabled bool
	at      time.Time
}

type walk struct {
	t     *testing.T
	e     *accEnv
	h     *cliHarness
	rng   *rand.Rand
	seed  int64
	step  int
	slots []rlSlot
	// said holds every name and text a configuration asked for.
	said map[string]bool
}

const rlSchedules = 3 // jpush_schedule slots; one template slot follows

func newWalk(t *testing.T, seed int64) *walk {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"greeting"})
	w := &walk{t: t, e: e, h: newCLIHarness(t), rng: rand.New(rand.NewSource(seed)), seed: seed, said: map[string]bool{}}
	w.slots = make([]rlSlot, rlSchedules+1)
	for i := range w.slots {
		w.slots[i] = rlSlot{present: true, name: fmt.Sprintf("rl%d_a", i), text: "hello", enabled: true, at: e.now().Add(time.Duration(1+i) * time.Hour)}
	}
	w.write()
	w.run("init")
	return w
}

func (w *walk) fail(format string, args ...any) {
	w.t.Helper()
	w.t.Fatalf("seed %d, step %d: %s (replay: JPUSH_RANDOM_SEEDS=%d JPUSH_RANDOM_STEPS=%d)",
		w.seed, w.step, fmt.Sprintf(format, args...), w.seed, w.step+1)
}

// run runs one CLI command and checks the output for crashes and secrets.
func (w *walk) run(args ...string) (string, int) {
	w.t.Helper()
	out, code := w.h.run(args...)
	if os.Getenv("JPUSH_RANDOM_DEBUG") != "" {
		w.t.Logf("step %d: terraform %s: exit %d\n%s", w.step, strings.Join(args, " "), code, out)
	}
	for _, bad := range []string{"panic:", "Plugin did not respond", "crashed", emulator.DefaultMasterSecret} {
		if strings.Contains(out, bad) {
			w.fail("terraform %s printed %q:\n%s", strings.Join(args, " "), bad, out)
		}
	}
	return out, code
}

// write renders the configuration and remembers what it says.
func (w *walk) write() {
	var b strings.Builder
	b.WriteString(w.e.providerConfig())
	for i, s := range w.slots {
		if !s.present {
			continue
		}
		w.said[s.name+"\x00"+s.text] = true
		if i < rlSchedules {
			fmt.Fprintf(&b, `
resource "jpush_schedule" "s%d" {
  name    = %q
  enabled = %t
  trigger = { single = { time = %q } }
  push    = { audience = { all = true }, notification = { alert = %q } }
}
`, i, s.name, s.enabled, rfc(s.at), s.text)
			continue
		}
		fmt.Fprintf(&b, `
resource "jpush_template_schedule" "t" {
  template_id   = "tpl1"
  schedule_name = %q
  enabled       = %t
  trigger       = { single = { time = %q } }
  params        = [{ trace_id = "a", audience = { alias = ["alice"] }, keys = { greeting = %q } }]
}
`, s.name, s.enabled, rfc(s.at), s.text)
	}
	w.h.write(b.String())
}

// randomStep takes one step of the walk.
func (w *walk) randomStep() {
	switch r := w.rng.Intn(100); {
	case r < 30:
		w.edit()
	case r < 50:
		w.run("apply", "-auto-approve")
	case r < 58:
		w.savedPlan()
	case r < 62:
		w.faultyCreate()
	case r < 70:
		// An edit applied while JPush misbehaves somewhere.
		w.edit()
		w.fault(w.anyRoute())
		w.run("apply", "-auto-approve")
		w.e.srv.ClearFaults()
	case r < 80:
		w.e.srv.Advance(time.Duration(5+w.rng.Intn(90)) * time.Minute)
	case r < 84:
		w.outOfBand()
	case r < 90:
		w.reimport()
	case r < 93:
		w.run("destroy", "-auto-approve")
	default:
		w.settle()
	}
}

// edit changes one thing of one slot, as a user editing the file does.
func (w *walk) edit() {
	i := w.rng.Intn(len(w.slots))
	s := &w.slots[i]
	switch w.rng.Intn(6) {
	case 0:
		s.present = !s.present
	case 1:
		s.name = fmt.Sprintf("rl%d_%c", i, 'a'+rune(w.rng.Intn(4)))
	case 2:
		s.text = []string{"hello", "goodbye", "sale", "reminder"}[w.rng.Intn(4)]
	case 3:
		s.enabled = !s.enabled
	default:
		// Mostly ahead; sometimes a time that has passed.
		s.at = w.e.now().Add(time.Duration(20+w.rng.Intn(300)) * time.Minute).Truncate(time.Second)
		if w.rng.Intn(10) == 0 {
			s.at = w.e.now().Add(-time.Duration(1+w.rng.Intn(60)) * time.Minute).Truncate(time.Second)
		}
	}
	w.write()
}

// savedPlan plans to a file, maybe lets time pass, then applies the file.
func (w *walk) savedPlan() {
	if _, code := w.run("plan", "-out=tfplan"); code != 0 {
		return
	}
	if w.rng.Intn(2) == 0 {
		w.e.srv.Advance(time.Duration(1+w.rng.Intn(90)) * time.Minute)
	}
	w.run("apply", "tfplan")
}

// anyRoute is a route of JPush's the walk's applies use.
func (w *walk) anyRoute() string {
	routes := []string{emulator.RouteCreate, emulator.RouteUpdate, emulator.RouteDelete, emulator.RouteTemplate, emulator.RouteList, emulator.RouteGet}
	return routes[w.rng.Intn(len(routes))]
}

// fault arms faults on route for the next apply: sometimes fewer than the
// client retries (the retry must not push twice), sometimes more (the
// apply fails, and the next must settle what JPush may hold).
func (w *walk) fault(route string) {
	kinds := []string{"drop_after_commit", "drop_after_commit", "reset", "status_503", "status_500"}
	rule := emulator.FaultRule{Route: route, Kind: kinds[w.rng.Intn(len(kinds))], Count: 1 + w.rng.Intn(4)}
	if os.Getenv("JPUSH_RANDOM_DEBUG") != "" {
		w.t.Logf("step %d: fault %+v", w.step, rule)
	}
	w.e.srv.SetFaults([]emulator.FaultRule{rule})
}

// faultyCreate makes one slot new (removing it first when it exists) and
// applies its create while JPush misbehaves on the create's route.
func (w *walk) faultyCreate() {
	i := w.rng.Intn(len(w.slots))
	s := &w.slots[i]
	if s.present {
		s.present = false
		w.write()
		w.run("apply", "-auto-approve")
	}
	s.present = true
	s.at = w.e.now().Add(time.Duration(20+w.rng.Intn(240)) * time.Minute).Truncate(time.Second)
	w.write()
	route := emulator.RouteCreate
	if i == rlSchedules {
		route = emulator.RouteTemplate
	}
	w.fault(route)
	w.run("apply", "-auto-approve")
	w.e.srv.ClearFaults()
}

// outOfBand deletes one of JPush's schedules behind Terraform's back.
func (w *walk) outOfBand() {
	ids := w.e.srv.ScheduleIDs()
	if len(ids) == 0 {
		return
	}
	_ = w.e.deleteOutOfBand(ids[w.rng.Intn(len(ids))])
}

// reimport forgets one resource and imports it back, as after a lost
// state. Only a resource the configuration still has can be imported.
func (w *walk) reimport() {
	i := w.rng.Intn(len(w.slots))
	if !w.slots[i].present {
		return
	}
	addr, prefix := fmt.Sprintf("jpush_schedule.s%d", i), ""
	if i == rlSchedules {
		addr, prefix = "jpush_template_schedule.t", "a="
	}
	out, code := w.run("state", "show", addr)
	if code != 0 || !strings.Contains(out, "expired") {
		return
	}
	id := stateShowID(out)
	if id == "" || strings.HasPrefix(id, "pending") || strings.Contains(id, ",") {
		return
	}
	w.run("state", "rm", addr)
	if out, code := w.run("import", addr, prefix+id); code != 0 && slices.Contains(w.e.srv.ScheduleIDs(), id) {
		w.fail("the import of %s, which JPush holds, failed:\n%s", id, out)
	}
}

// stateShowID reads id = "..." from terraform state show.
func stateShowID(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) == 3 && f[0] == "id" && f[1] == "=" {
			return strings.Trim(f[2], `"`)
		}
	}
	return ""
}

// checkPushes holds every push sent so far to what configurations said.
func (w *walk) checkPushes() {
	seen := map[string]bool{}
	for _, p := range w.e.srv.Pushes() {
		key := p.Name + "@" + p.At.UTC().Format(time.RFC3339)
		if seen[key] {
			w.fail("%s pushed twice at %s", p.Name, p.At)
		}
		seen[key] = true
		if !w.saidPush(p) {
			w.fail("pushed %s %s at %s, which no configuration said", p.Name, p.Push, p.At)
		}
	}
}

// saidPush reports whether a configuration asked for this name and text.
func (w *walk) saidPush(p emulator.Pushed) bool {
	var push struct {
		Notification struct {
			Alert string `json:"alert"`
		} `json:"notification"`
	}
	_ = json.Unmarshal(p.Push, &push)
	for k := range w.said {
		name, text, _ := strings.Cut(k, "\x00")
		if name == p.Name && strings.Contains(push.Notification.Alert, text) {
			return true
		}
	}
	return false
}

// settle clears faults, moves every configured time to the future and
// applies: that must work, leave an empty plan, and make the state equal
// to JPush.
func (w *walk) settle() {
	w.e.srv.ClearFaults()
	for i := range w.slots {
		if w.slots[i].at.Before(w.e.now().Add(10 * time.Minute)) {
			w.slots[i].at = w.e.now().Add(time.Duration(30+w.rng.Intn(120)) * time.Minute).Truncate(time.Second)
		}
	}
	w.write()
	if out, code := w.run("apply", "-auto-approve"); code != 0 {
		w.fail("the settling apply failed (a stuck state):\n%s", out)
	}
	if out, code := w.run("plan", "-detailed-exitcode"); code != 0 {
		w.fail("the plan after a successful apply is not empty (exit %d):\n%s", code, out)
	}
	w.checkStateEqualsJPush()
}

// checkStateEqualsJPush compares the state's live schedules with JPush's.
func (w *walk) checkStateEqualsJPush() {
	inState := map[string]bool{}
	for i, s := range w.slots {
		if !s.present {
			continue
		}
		addr := fmt.Sprintf("jpush_schedule.s%d", i)
		if i == rlSchedules {
			addr = "jpush_template_schedule.t"
		}
		id := w.h.stateAttr(addr, "id")
		for _, one := range strings.Split(id, ",") {
			inState[one] = true
			var st struct {
				Name    string `json:"name"`
				Enabled bool   `json:"enabled"`
				Push    struct {
					Notification struct {
						Alert string `json:"alert"`
					} `json:"notification"`
				} `json:"push"`
			}
			raw, ok := w.e.srv.Schedule(one)
			if !ok {
				w.fail("%s (%s) is in the state but not in JPush", addr, one)
			}
			_ = json.Unmarshal(raw, &st)
			if st.Name != s.name || st.Enabled != s.enabled || !strings.Contains(st.Push.Notification.Alert, s.text) {
				w.fail("%s: JPush holds %s, the configuration says name %q, enabled %v, text %q", addr, raw, s.name, s.enabled, s.text)
			}
		}
	}
	var extra []string
	for _, id := range w.e.srv.ScheduleIDs() {
		if !inState[id] {
			extra = append(extra, id)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		w.fail("JPush holds schedules no resource manages (they would push): %v", extra)
	}
}
