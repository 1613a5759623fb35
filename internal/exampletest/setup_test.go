package exampletest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// documentedAddr is the emulator's address in the docs' commands.
const documentedAddr = "127.0.0.1:18080"

var (
	// reSetupCurl is a documented command that prepares the emulator for
	// the examples: setting its clock ("now", not "advance"), or defining a
	// console template.
	reSetupCurl = regexp.MustCompile(`^curl .*http://127\.0\.0\.1:18080/_emulator/(templates|clock)\b`)
	reDefinedID = regexp.MustCompile(`"id":\s*"([^"]+)"`)
)

// setupCommand is one documented command that prepares the emulator.
type setupCommand struct {
	where, line string
	clock       bool   // sets the clock
	template    string // the template it defines, if any
}

// documentedSetup returns the commands the README and the guide tell a
// reader to run before the examples: each shell-block line that sets the
// emulator's clock or defines a console template. The harness runs these
// and nothing else, so an example that needs any other setup fails.
func documentedSetup(root string) ([]setupCommand, error) {
	var out []setupCommand
	for _, doc := range docsWithExamples {
		blocks, err := fencedBlocks(filepath.Join(root, doc))
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			if b.lang != "sh" && b.lang != "shell" && b.lang != "bash" {
				continue
			}
			for i, line := range strings.Split(b.body, "\n") {
				cmd, _, _ := strings.Cut(line, "  #")
				cmd = strings.TrimSpace(cmd)
				m := reSetupCurl.FindStringSubmatch(cmd)
				if len(m) < 2 || m[1] == "clock" && !strings.Contains(cmd, `"now"`) {
					continue
				}
				sc := setupCommand{where: fmt.Sprintf("%s:%d", doc, b.line+1+i), line: cmd, clock: m[1] == "clock"}
				if id := reDefinedID.FindStringSubmatch(cmd); id != nil && !sc.clock {
					sc.template = id[1]
				}
				out = append(out, sc)
			}
		}
	}
	return out, nil
}

// runSetup runs the documented setup commands as pasted, with only the
// emulator's address replaced by this test's. Clock commands are left out
// for examples that run on the real clock.
func (r *runner) runSetup(t *testing.T, realClock bool) {
	host := strings.TrimPrefix(r.srv.URL, "http://")
	for _, sc := range r.setup {
		if sc.clock && realClock {
			continue
		}
		cmd := exec.Command("bash", "-c", strings.ReplaceAll(sc.line, documentedAddr, host))
		out, err := cmd.CombinedOutput()
		if err != nil || bytes.Contains(out, []byte(`"error"`)) {
			t.Fatalf("the documented setup command of %s failed (%v): %s\n%s", sc.where, err, sc.line, out)
		}
	}
}

// checkTemplatesDocumented fails when an example uses a console template
// that no documented command defines: a reader could not run it.
func (r *runner) checkTemplatesDocumented(t *testing.T, ex example) {
	for _, id := range templateIDs(ex) {
		found := false
		for _, sc := range r.setup {
			found = found || sc.template == id
		}
		if !found {
			t.Fatalf("%s uses template_id %q, which no command of %v defines on the emulator: "+
				"document its definition, or use a documented template", ex.name, id, docsWithExamples)
		}
	}
}

// colleague is a schedule someone else made in the same app.
type colleague struct {
	name, trigger string
}

// colleagues are the other schedules of the app the examples run in: a
// real app holds other people's schedules, several with the names the
// examples use (JPush allows duplicate names, and create_before_destroy
// makes them). None fires or ends while an example runs (the examples move
// the clock 100 days on). %[1]s is a time 200 days ahead, %[2]s and %[3]s a
// window from an hour to 300 days ahead.
var colleagues = []colleague{
	{"weekly_digest", `{"periodical": {"start": "%[2]s", "end": "%[3]s", "time": "08:30:00", "time_unit": "week", "frequency": 1, "point": ["MON"]}}`},
	{"weekly_digest", `{"periodical": {"start": "%[2]s", "end": "%[3]s", "time": "09:00:00", "time_unit": "week", "frequency": 1, "point": ["FRI"]}}`},
	{"weekly_reminder", `{"periodical": {"start": "%[2]s", "end": "%[3]s", "time": "18:00:00", "time_unit": "week", "frequency": 1, "point": ["SUN"]}}`},
	{"launch_day", `{"single": {"time": "%[1]s"}}`},
	{"launch_day", `{"single": {"time": "%[1]s"}}`},
	{"daily_digest", `{"periodical": {"start": "%[2]s", "end": "%[3]s", "time": "08:00:00", "time_unit": "day", "frequency": 1}}`},
	{"order_notice", `{"single": {"time": "%[1]s"}}`},
}

// seedColleagues creates the colleagues' schedules through the JPush API,
// as their own tools would, and returns each one's id and stored form.
func (r *runner) seedColleagues(t *testing.T) map[string]string {
	now := r.srv.Now().In(time.FixedZone("CST", 8*3600))
	wall := func(d time.Duration) string { return now.Add(d).Format(time.DateTime) }
	out := map[string]string{}
	for _, c := range colleagues {
		trigger := fmt.Sprintf(c.trigger, wall(200*24*time.Hour), wall(time.Hour), wall(300*24*time.Hour))
		body := fmt.Sprintf(`{"name": %q, "enabled": true, "trigger": %s, "push": {"platform": "all", `+
			`"audience": {"tag": ["colleagues"]}, "notification": {"alert": "not yours"}}}`, c.name, trigger)
		req, _ := http.NewRequest(http.MethodPost, r.srv.URL+"/v3/schedules", strings.NewReader(body))
		req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var created struct {
			ScheduleID string `json:"schedule_id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&created)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || created.ScheduleID == "" {
			t.Fatalf("seed the colleague's schedule %s: HTTP %d, %v", c.name, resp.StatusCode, err)
		}
		stored, _ := r.srv.Schedule(created.ScheduleID)
		out[created.ScheduleID] = string(stored)
	}
	return out
}

// colleaguesUntouched fails when an example changed or deleted a schedule
// that is not its own.
func (r *runner) colleaguesUntouched(t *testing.T) {
	for id, before := range r.foreign {
		after, ok := r.srv.Schedule(id)
		if !ok || string(after) != before {
			t.Fatalf("the colleague's schedule %s was changed or deleted:\nbefore %s\nafter  %s", id, before, after)
		}
	}
}
