package exampletest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// examplesEpoch is where the emulator's clock stands while an example runs.
// The examples use fixed dates in 2027, which a reader can copy as they
// are; on the emulator they stay in the future for good because its clock is
// set here first (the README's worked example says so, with this date).
const examplesEpoch = "2026-12-01T00:00:00+08:00"

// realClockExamples compute their times from the real clock instead of
// using fixed dates: the demo, whose times scripts/demo.sh passes in. The
// emulator's clock stays at the real time for them.
var realClockExamples = map[string]bool{"examples/demo": true}

// docsWithExamples are the Markdown files whose HCL blocks must run.
var docsWithExamples = []string{"README.md", "templates/guides/testing-locally.md.tmpl"}

// runner applies examples with one Terraform CLI, one provider build and
// one emulator.
type runner struct {
	t         *testing.T
	terraform string
	srv       *emulator.Server
	env       []string          // the environment of every terraform command
	setup     []setupCommand    // what the docs tell a reader to run first
	foreign   map[string]string // the colleagues' schedules: id => stored form
}

func TestExamples(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set: the examples run with the real Terraform CLI (make test and make examples-check set it)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	examples, readmeCLIConfig := collectExamples(t, root)
	r := newRunner(t, root, readmeCLIConfig)
	noFunctions := r.lacksFunctions(t)
	if r.setup, err = documentedSetup(root); err != nil {
		t.Fatal(err)
	}
	if !documentsClock(r.setup) {
		t.Fatalf("no shell block of %v sets the emulator's clock to %s", docsWithExamples, examplesEpoch)
	}
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			if noFunctions != "" && usesFunctions(ex) {
				t.Skipf("%s: the example calls a provider function", noFunctions)
			}
			r.run(t, ex)
		})
	}
	t.Run("README.md:ci-gate", func(t *testing.T) { r.walkCIGate(t, root) })
	t.Run("docs:disabled-create-fails", r.walkDisabledCreateFails)
	t.Run("docs:expired-replacement", r.walkExpiredReplacement)
}

// collectExamples returns every example of README.md, the guide and
// examples/, and the README's one CLI configuration.
func collectExamples(t *testing.T, root string) ([]example, string) {
	var all []example
	var readmeCLI []string
	for _, doc := range docsWithExamples {
		exs, cli, err := markdownExamples(root, doc)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, exs...)
		if doc == "README.md" {
			readmeCLI = cli
		}
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil || !strings.Contains(string(readme), examplesEpoch) {
		t.Fatalf("README.md must tell readers to set the emulator's clock to %s before running the examples", examplesEpoch)
	}
	if len(readmeCLI) != 1 {
		t.Fatalf("README.md has %d CLI configuration blocks (provider_installation with dev_overrides), want 1", len(readmeCLI))
	}
	dirs, err := directoryExamples(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no examples under examples/")
	}
	if !anyMoved(dirs) {
		t.Fatal("no example under examples/ renames a resource with a moved block: the docs must show how")
	}
	return append(all, dirs...), readmeCLI[0]
}

func newRunner(t *testing.T, root, readmeCLIConfig string) *runner {
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Fatal("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (make test builds one)")
		}
	}
	work := t.TempDir()
	pluginDir := filepath.Join(work, "plugins")
	build := exec.Command("go", "build", "-o", filepath.Join(pluginDir, "terraform-provider-jpush"+exeSuffix()), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the provider: %v\n%s", err, out)
	}
	cli, err := cliConfigFor(readmeCLIConfig, pluginDir)
	if err != nil {
		t.Fatal(err)
	}
	cliFile := filepath.Join(work, "dev.tfrc")
	if err := os.WriteFile(cliFile, []byte(cli), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.Start(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	env := cleanEnv()
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliFile, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0",
		"JPUSH_ENDPOINT="+srv.URL, "JPUSH_APP_KEY="+emulator.DefaultAppKey, "JPUSH_MASTER_SECRET="+emulator.DefaultMasterSecret,
	)
	return &runner{t: t, terraform: tf, srv: srv, env: append(env, exampleVariables(time.Now())...)}
}

// cleanEnv is the process environment without Terraform's and JPush's own
// variables, so that nothing from the machine (a plugin cache, real
// credentials, a log level) reaches the examples.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "JPUSH_") {
			out = append(out, kv)
		}
	}
	return out
}

// exampleVariables are the values of the examples' input variables, as a
// reader passes them: the provider example's credentials come from the
// environment's, the demo's times from the real clock, as scripts/demo.sh
// computes them.
func exampleVariables(now time.Time) []string {
	at := func(d time.Duration) string { return now.Add(d).UTC().Format(time.RFC3339) }
	return []string{
		"TF_VAR_jpush_app_key=" + emulator.DefaultAppKey,
		"TF_VAR_jpush_master_secret=" + emulator.DefaultMasterSecret,
		"TF_VAR_single_time=" + at(10*time.Minute),
		"TF_VAR_periodical_start=" + at(time.Hour),
		"TF_VAR_periodical_end=" + at(30*24*time.Hour),
	}
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// prepare puts the emulator in the state a reader's emulator is in after
// the steps the docs give, and nothing more: a fresh emulator, the
// documented setup commands run as pasted (the clock set before the
// examples' dates, the console templates defined), and the schedules other
// people keep in the same app, duplicate names included.
func (r *runner) prepare(t *testing.T, ex example) {
	r.srv.Reset()
	r.runSetup(t, realClockExamples[ex.name])
	r.checkTemplatesDocumented(t, ex)
	r.foreign = r.seedColleagues(t)
}

// documentsClock tells whether the setup sets the clock to examplesEpoch.
func documentsClock(setup []setupCommand) bool {
	for _, sc := range setup {
		if sc.clock && strings.Contains(sc.line, examplesEpoch) {
			return true
		}
	}
	return false
}

// run applies one example, checks that the next plan is empty and that
// JPush holds exactly the schedules in the state, then destroys it.
// Examples with import blocks are walked the way a reader uses them: the
// schedule exists in JPush first, and the import adopts it.
func (r *runner) run(t *testing.T, ex example) {
	r.prepare(t, ex)
	dir := t.TempDir()
	imports, err := importBlocks(ex)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range ex.files {
		if !hasImport(imports, name) {
			writeFile(t, filepath.Join(dir, name), content)
		}
	}
	moves, err := movedBlocks(ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(moves) > 0 {
		r.walkMoved(t, ex, dir, moves)
	}
	r.tf(t, dir, "apply", "-auto-approve")
	r.planEmpty(t, dir)
	if len(imports) > 0 {
		r.walkImports(t, ex, dir, imports)
	}
	r.stateMatchesJPush(t, dir)
	if !hasOutputs(ex) {
		r.afterFiring(t, dir)
	}
	if shipsProtected(ex) {
		t.Fatalf("%s ships with prevent_destroy = true, so a reader cannot destroy it as copied: show it commented out, or in prose", ex.name)
	}
	if showsProtection(ex) {
		r.walkPreventDestroy(t, ex, dir)
	}
	r.tf(t, dir, "destroy", "-auto-approve")
	if ids := r.ownIDs(); len(ids) != 0 {
		t.Fatalf("destroy left %d schedules in JPush: %v", len(ids), ids)
	}
	r.colleaguesUntouched(t)
}

// ownIDs are the valid schedules of JPush but the colleagues'.
func (r *runner) ownIDs() []string {
	var out []string
	for _, id := range r.srv.ScheduleIDs() {
		if _, theirs := r.foreign[id]; !theirs {
			out = append(out, id)
		}
	}
	return out
}

// walkImports forgets each import target (its schedule stays in JPush, as
// one made in the console), then applies the import blocks with the
// placeholder id replaced by that schedule's id: the plan imports it and
// changes nothing, and the next plan is empty.
func (r *runner) walkImports(t *testing.T, ex example, dir string, imports []importBlock) {
	for _, im := range imports {
		id := strings.TrimSpace(r.tf(t, dir, "state", "show", "-no-color", im.to))
		id = attrFromStateShow(t, id, "id")
		r.tf(t, dir, "state", "rm", im.to)
		content := strings.ReplaceAll(ex.files[im.file], im.id, id)
		writeFile(t, filepath.Join(dir, im.file), content)
	}
	out := r.tf(t, dir, "apply", "-auto-approve")
	want := fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", len(imports))
	if !strings.Contains(out, want) {
		t.Fatalf("the import apply did not report %q:\n%s", want, out)
	}
	r.planEmpty(t, dir)
}

// afterFiring moves the emulator's clock 100 days on, as the README's
// worked example does, so that its pushes fire: the plan must stay empty
// (fired schedules stay in the state, never re-created), and after a
// refresh the state marks exactly the fired schedules expired. Examples
// with outputs are left out: an output of what fired rightly changes.
func (r *runner) afterFiring(t *testing.T, dir string) {
	r.srv.Advance(2400 * time.Hour)
	r.planEmpty(t, dir)
	r.tf(t, dir, "apply", "-refresh-only", "-auto-approve")
	valid := map[string]bool{}
	for _, id := range r.srv.ScheduleIDs() {
		valid[id] = true
	}
	for _, res := range r.resources(t, dir) {
		if res.Type != "jpush_schedule" {
			continue
		}
		id, expired := fmt.Sprint(res.Values["id"]), res.Values["expired"] == true
		if expired == valid[id] {
			t.Errorf("%s: expired = %v in state, but JPush lists it: %v", id, expired, valid[id])
		}
	}
}

func hasOutputs(ex example) bool {
	for _, content := range ex.files {
		if reOutput.MatchString(content) {
			return true
		}
	}
	return false
}

// shipsProtected tells an example with prevent_destroy = true in effect.
func shipsProtected(ex example) bool {
	for _, content := range ex.files {
		if reActivePreventDestroy.MatchString(content) {
			return true
		}
	}
	return false
}

// showsProtection tells an example that shows prevent_destroy = true
// commented out, for the reader to uncomment.
func showsProtection(ex example) bool {
	for _, content := range ex.files {
		if reCommentedPreventDestroy.MatchString(content) {
			return true
		}
	}
	return false
}

// walkPreventDestroy proves what the example promises, as a reader would:
// with prevent_destroy uncommented (the only edit) the plan stays empty,
// and destroy fails and deletes nothing. Then it puts the files back as
// shipped, which the caller destroys.
func (r *runner) walkPreventDestroy(t *testing.T, ex example, dir string) {
	shipped := map[string]string{}
	for name := range ex.files {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			shipped[name] = string(b)
		}
	}
	for name, content := range shipped {
		writeFile(t, filepath.Join(dir, name), reCommentedPreventDestroy.ReplaceAllString(content, "${1}${2}"))
	}
	r.planEmpty(t, dir)
	before := r.srv.ScheduleIDs()
	out, code := r.tfCode(t, dir, "destroy", "-auto-approve")
	if code == 0 || !reCannotDestroy.MatchString(out) {
		t.Fatalf("destroy of an example with prevent_destroy did not fail as documented (exit %d):\n%s", code, out)
	}
	if after := r.srv.ScheduleIDs(); len(after) != len(before) {
		t.Fatalf("a refused destroy deleted schedules: %v before, %v after", before, after)
	}
	for name, content := range shipped {
		writeFile(t, filepath.Join(dir, name), content)
	}
}

func hasImport(imports []importBlock, file string) bool {
	for _, im := range imports {
		if im.file == file {
			return true
		}
	}
	return false
}

// attrFromStateShow reads `name = "value"` from `terraform state show`.
func attrFromStateShow(t *testing.T, out, name string) string {
	for _, line := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && strings.TrimSpace(k) == name {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	t.Fatalf("no %s in:\n%s", name, out)
	return ""
}

// planEmpty runs `terraform plan -detailed-exitcode`: 0 is no changes.
func (r *runner) planEmpty(t *testing.T, dir string) {
	out, code := r.tfCode(t, dir, "plan", "-detailed-exitcode")
	if code != 0 {
		t.Fatalf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}
}

// stateResource is a resource of `terraform show -json`.
type stateResource struct {
	Type   string         `json:"type"`
	Values map[string]any `json:"values"`
}

// resources reads the root module's resources from the state.
func (r *runner) resources(t *testing.T, dir string) []stateResource {
	var show struct {
		Values struct {
			RootModule struct {
				Resources []stateResource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(r.tf(t, dir, "show", "-json")), &show); err != nil {
		t.Fatal(err)
	}
	return show.Values.RootModule.Resources
}

// stateMatchesJPush: the schedules JPush holds, but the colleagues', are
// exactly those in state.
func (r *runner) stateMatchesJPush(t *testing.T, dir string) {
	var inState []string
	for _, res := range r.resources(t, dir) {
		switch res.Type {
		case "jpush_schedule":
			inState = append(inState, fmt.Sprint(res.Values["id"]))
		case "jpush_template_schedule":
			ids, _ := res.Values["schedule_ids"].(map[string]any)
			for _, id := range ids {
				inState = append(inState, fmt.Sprint(id))
			}
		}
	}
	inJPush := r.ownIDs()
	sort.Strings(inState)
	sort.Strings(inJPush)
	if strings.Join(inState, ",") != strings.Join(inJPush, ",") {
		t.Fatalf("state holds schedules %v, JPush holds %v", inState, inJPush)
	}
}

// tf runs a terraform command in dir and fails the test when it fails.
func (r *runner) tf(t *testing.T, dir string, args ...string) string {
	out, code := r.tfCode(t, dir, args...)
	if code != 0 {
		t.Fatalf("terraform %s (exit %d):\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func (r *runner) tfCode(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	if args[0] == "apply" || args[0] == "plan" || args[0] == "destroy" {
		args = append(args, "-input=false", "-no-color")
	}
	cmd := exec.Command(r.terraform, append([]string{"-chdir=" + dir}, args...)...)
	cmd.Env = r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	return out.String(), 0
}

func writeFile(t *testing.T, path, content string) {
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// anyMoved tells whether an example has a moved block.
func anyMoved(examples []example) bool {
	for _, ex := range examples {
		if m, _ := movedBlocks(ex); len(m) > 0 {
			return true
		}
	}
	return false
}
