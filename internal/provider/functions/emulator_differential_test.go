package functions

// The differential test of issue 22: next_pushes says when a trigger
// pushes; the emulator, standing in for JPush, actually fires it. For
// random triggers (every unit, frequency and point, month ends, every
// accepted time format, times of day in daylight-saving gaps and repeats
// in four zones) the schedule is created in an in-process emulator whose
// clock stands at after, its clock is walked on, and the instants of its
// msg_ids must be exactly the ones next_pushes returned.
//
// JPUSH_NEXT_PUSHES_SEED replays a run (a failure prints its seed);
// JPUSH_NEXT_PUSHES_CASES changes the number of triggers (default 10,000).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

var diffZones = []string{"America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai"}

// diffCase is one generated trigger and the call of next_pushes on it.
type diffCase struct {
	zone    string
	loc     *time.Location
	trigger map[string]any // as a user writes it (next_pushes' argument)
	after   time.Time
	count   int
	steps   [3]float64 // where the emulator's clock stops on its walk, as fractions of the way
}

func (c diffCase) String() string {
	b, _ := json.Marshal(c.trigger)
	return fmt.Sprintf("next_pushes(%s, %q, %q, %d)", b, c.zone, c.after.Format(time.RFC3339), c.count)
}

func envInt(t *testing.T, name string, def int64) int64 {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}

func TestNextPushesMatchEmulator(t *testing.T) {
	seed := envInt(t, "JPUSH_NEXT_PUSHES_SEED", time.Now().UnixNano())
	n := int(envInt(t, "JPUSH_NEXT_PUSHES_CASES", 10000))
	rng := rand.New(rand.NewSource(seed))
	locs := map[string]*time.Location{}
	for _, z := range diffZones {
		loc, err := client.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		locs[z] = loc
		transitionCache[loc] = transitions(loc)
	}
	cases := make([]diffCase, n)
	for i := range cases {
		cases[i] = genDiffCase(rng, locs)
	}
	results := judgeAll(cases)
	var compared, pushes, odd, stricter, rejected int
	for i, r := range results {
		if r.problem != "" {
			t.Fatalf("case %d of seed %d (replay: JPUSH_NEXT_PUSHES_SEED=%d go test ./internal/provider/functions -run TestNextPushesMatchEmulator):\n%s\n%s",
				i, seed, seed, cases[i], r.problem)
		}
		compared += r.compared
		pushes += r.pushes
		odd += r.odd
		stricter += r.stricter
		rejected += r.rejected
	}
	t.Logf("seed %d: %d triggers, %d compared push by push (%d pushes, %d of them on a day daylight saving skips or "+
		"repeats the time of day), %d rejected by both, %d ambiguous wall clocks refused by next_pushes (as by the "+
		"resource's plan) and read as the earlier by the emulator", seed, n, compared, pushes, odd, rejected, stricter)
	if n >= 1000 && odd == 0 {
		t.Fatal("no push fell on a day daylight saving changes: the generator misses the cases that matter most")
	}
	if n >= 1000 && compared < n*6/10 {
		t.Fatalf("only %d of %d triggers were compared push by push: the generator makes too many invalid ones", compared, n)
	}
}

// judgeAll judges the cases on every CPU.
func judgeAll(cases []diffCase) []diffResult {
	results := make([]diffResult, len(cases))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = judgeDiffCase(cases[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

type diffResult struct {
	problem                                   string // "" when next_pushes and the emulator agree
	compared, pushes, odd, stricter, rejected int
}

// judgeDiffCase runs next_pushes and the emulator on one case.
func judgeDiffCase(c diffCase) diffResult {
	got, ferr := callNextPushes(c.trigger, c.zone, c.after.Format(time.RFC3339Nano), int64(c.count))
	emu := newDiffEmulator(c)
	body, sendable := createBody(c)
	id, code, msg := "", 0, "not sent: the resource cannot send it"
	if sendable {
		id, code, msg = emu.create(body)
	}
	switch {
	case ferr != nil && code != 0:
		return diffResult{rejected: 1}
	case ferr != nil && strings.Contains(ferr.Text, "happens twice there"):
		return diffResult{stricter: 1}
	case ferr != nil:
		return diffResult{problem: fmt.Sprintf("next_pushes refuses it (%s) but the emulator accepts it", ferr.Text)}
	case code != 0 && len(got) == 0 && strings.Contains(msg, "must be in the future"):
		return diffResult{compared: 1} // ended by after: nothing to push, and JPush takes no schedule that never fires
	case code != 0 && strings.Contains(msg, "at most one year in the future"):
		return diffResult{} // a single time more than a year after after: JPush takes it later
	case code != 0:
		return diffResult{problem: fmt.Sprintf("next_pushes gives %v but the emulator refuses the schedule: %d %s", got, code, msg)}
	}
	fired := emu.walk(c, id, got)
	if strings.Join(fired, " ") != strings.Join(got, " ") {
		return diffResult{problem: fmt.Sprintf("next_pushes: %v\nemulator fired: %v", got, fired)}
	}
	return diffResult{compared: 1, pushes: len(got), odd: oddPushes(c, got)}
}

// oddPushes counts the pushes on days daylight saving skips or repeats the
// time of day on: the cases the calendar decides (rules.SlotOn).
func oddPushes(c diffCase, got []string) int {
	p, ok := c.trigger["periodical"].(map[string]any)
	if !ok {
		return 0
	}
	clock, _ := client.ParseClock(p["time"].(string))
	n := 0
	for _, s := range got {
		at, _ := time.Parse(time.RFC3339, s)
		if _, e := client.WallClockAt(at, clock, c.loc); e != nil {
			n++
		}
	}
	return n
}

// createBody is the POST /v3/schedules body the provider sends for the
// case's trigger (triggerModel.toClient: wall clocks in the zone, the unit
// in lower case, week days in upper case); false when it cannot send it.
func createBody(c diffCase) ([]byte, bool) {
	wire := func(s string) (string, bool) {
		at, err := client.ParseTime(s, c.loc)
		return client.FormatWireTime(at, c.loc), err == nil
	}
	trig := map[string]any{}
	if s, ok := c.trigger["single"].(map[string]any); ok {
		at, ok := wire(s["time"].(string))
		if !ok {
			return nil, false
		}
		trig["single"] = map[string]any{"time": at}
	} else {
		p := c.trigger["periodical"].(map[string]any)
		start, ok1 := wire(p["start"].(string))
		end, ok2 := wire(p["end"].(string))
		if !ok1 || !ok2 {
			return nil, false
		}
		unit := strings.ToLower(p["time_unit"].(string))
		w := map[string]any{"start": start, "end": end, "time": p["time"], "time_unit": unit, "frequency": p["frequency"]}
		if pts, ok := p["point"].([]string); ok {
			sent := make([]string, len(pts))
			for i, x := range pts {
				sent[i] = x
				if unit == "week" {
					sent[i] = strings.ToUpper(x)
				}
			}
			w["point"] = sent
		}
		trig["periodical"] = w
	}
	body, _ := json.Marshal(map[string]any{
		"name": "diff", "enabled": true, "trigger": trig,
		"push": map[string]any{"platform": "all", "audience": "all", "notification": map[string]any{"alert": "x"}},
	})
	return body, true
}

// diffEmulator is an in-process emulator whose real clock stands still.
type diffEmulator struct {
	e *emulator.Emulator
}

func newDiffEmulator(c diffCase) diffEmulator {
	frozen := c.after
	e := emulator.New(emulator.Options{Location: c.loc, Now: func() time.Time { return frozen }})
	off := 0
	e.Configure(emulator.Config{RateLimitPerMinute: &off})
	// The schedule is created just after after: a slot at after itself is
	// not a next push, and JPush does not fire a slot at its creation.
	e.SetNow(c.after.Add(time.Nanosecond))
	return diffEmulator{e: e}
}

func (d diffEmulator) do(method, path string, body []byte) (int, map[string]any) {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	d.e.ServeHTTP(rec, req)
	var m map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &m)
	return rec.Code, m
}

// create answers the schedule's id, or the error code and message.
func (d diffEmulator) create(body []byte) (id string, code int, msg string) {
	status, m := d.do(http.MethodPost, "/v3/schedules", body)
	if status == http.StatusOK {
		id, _ = m["schedule_id"].(string)
		return id, 0, ""
	}
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(float64)
	msg, _ = e["message"].(string)
	return "", int(c), msg
}

// walk moves the emulator's clock on in three steps (c.steps), to the last
// push next_pushes gave (or past the trigger's end when it gave fewer than
// asked), and returns the instants the schedule fired at, in the zone.
func (d diffEmulator) walk(c diffCase, id string, got []string) []string {
	until := c.after.AddDate(1, 1, 0) // past any end
	if len(got) == c.count {
		until, _ = time.Parse(time.RFC3339, got[len(got)-1])
	}
	from := c.after
	for _, f := range c.steps {
		from = from.Add(time.Duration(f * float64(until.Sub(from))))
		d.e.SetNow(from)
	}
	d.e.SetNow(until)
	_, m := d.do(http.MethodGet, "/v3/schedules/"+id+"/msg_ids", nil)
	raw, _ := m["msgids"].([]any)
	fired := []string{}
	for _, r := range raw {
		var entry struct {
			TS int64 `json:"ts"`
		}
		s, _ := r.(string)
		if err := json.Unmarshal([]byte(s), &entry); err != nil {
			return append(fired, fmt.Sprintf("(msg_id %v: %v)", r, err))
		}
		fired = append(fired, time.UnixMilli(entry.TS).In(c.loc).Format(time.RFC3339))
	}
	return fired
}
