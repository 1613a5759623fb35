// Command bench measures the provider end to end with the real Terraform CLI
// against the emulator: apply, a no-change plan, an in-place update of every
// schedule, and destroy, for N schedules. It runs the same phases for two
// floors: N terraform_data resources (Terraform's own overhead, no plugin)
// and N benchfloor_item resources of a minimal terraform-plugin-framework
// provider (tools/bench/floorprovider: the overhead of any plugin
// provider). It then repeats the provider phases under the emulator's
// default rate limit, measures a plan and a destroy after every schedule
// fired (emulator clock moved ahead; with the rate limit off and on), and
// runs a paired CPU pass of no-change plans (typed push, push_json, the
// plugin floor; logging unset and TF_LOG set, see cpu.go). It writes a
// markdown report.
//
// It is run by `make bench` (scripts/bench.sh), which builds the binaries.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	appKey       = "jpushemulatorappkey00001"
	masterSecret = "jpushemulatorsecret00001"
)

type options struct {
	n           int
	latency     time.Duration
	rateLimit   int
	terraform   string
	binDir      string
	out         string
	skipLimited bool
	split       bool // also run the provider phases with no emulator latency
	keep        bool // keep the work folder (Terraform and provider logs)
	gobench     bool // also run the in-process Go benchmarks of internal/provider
	cpuRounds   int  // rounds of the paired CPU pass (0: skip it)
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 100, "number of schedules")
	flag.DurationVar(&o.latency, "latency", 50*time.Millisecond, "emulator latency per call")
	flag.IntVar(&o.rateLimit, "rate-limit", 100, "calls a minute for the rate-limited run")
	flag.StringVar(&o.terraform, "terraform", "terraform", "Terraform CLI")
	flag.StringVar(&o.binDir, "bin", "bin", "folder holding terraform-provider-jpush, terraform-provider-benchfloor and jpush-emulator")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", "report file")
	flag.BoolVar(&o.skipLimited, "skip-limited", false, "skip the rate-limited run")
	flag.BoolVar(&o.split, "split", true, "also run the provider phases with no emulator latency, to split the gap to the floor into API latency and Terraform/provider CPU")
	flag.BoolVar(&o.keep, "keep", false, "keep the work folder with the Terraform and provider logs")
	flag.BoolVar(&o.gobench, "gobench", true, "also run the in-process per-resource Go benchmarks (go test -bench 'Schedule|SchemaWeight' ./internal/provider/)")
	flag.IntVar(&o.cpuRounds, "cpu-rounds", 5, "rounds of the paired CPU pass (no-change plans of typed push, push_json and the plugin floor, logging unset and TF_LOG set); 0 skips it")
	flag.Parse()

	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// phase is one measured Terraform command.
type phase struct {
	Name     string
	Wall     time.Duration
	CPU      time.Duration // user+system time of Terraform and the provider processes it waited for
	Calls    map[string]int
	Limited  int           // 429 answers the emulator sent during the phase
	Waits    int           // calls that waited on the rate-limit window (log lines)
	WaitSum  time.Duration // sum of those waits (concurrent waits add up)
	WaitWall time.Duration // wall time during which at least one call was waiting
	ExitCode int
}

func (p phase) total() int {
	n := 0
	for _, c := range p.Calls {
		n += c
	}
	return n
}

type report struct {
	opts         options
	provider     []phase
	floor        []phase // terraform_data
	pfloor       []phase // benchfloor_item: the plugin floor
	zero         []phase // provider phases with no emulator latency (-split)
	limited      []phase
	fired        []phase // create, then plan and destroy after every schedule fired (rate limit off)
	firedLimited []phase // the same under the rate limit
	cpu          *cpuReport
	gobench      []goBench
	weight       []schemaWeight
	tfVer        string
	loadStart    string
	loadEnd      string
}

// run measures every pass the options ask for, in order, and writes the
// report to o.out (and stdout).
func run(o options) error {
	binDir, err := filepath.Abs(o.binDir)
	if err != nil {
		return err
	}
	o.binDir = binDir
	if err := checkBinaries(binDir); err != nil {
		return err
	}
	work, removeWork, err := workFolder(o.keep)
	if err != nil {
		return err
	}
	defer removeWork()

	emuBin := filepath.Join(binDir, "jpush-emulator")
	emu, err := startEmulator(emuBin)
	if err != nil {
		return err
	}
	defer emu.stop()

	r := &report{opts: o, tfVer: terraformVersion(o.terraform), loadStart: loadAvg()}
	quota := scheduleQuota(o.n)

	// Pass 1: latency on, rate limit off. The provider, the floor and (with
	// -split) the provider against a second emulator with no latency run
	// phase by phase in turn, so that a change in the machine's load
	// during the run touches all of them alike.
	if err := emu.admin("PUT", "/_emulator/config", emulatorConfig(o.latency, 0, quota)); err != nil {
		return err
	}
	sets := r.firstPassSets(work, emu)
	if o.split {
		zemu, err := startConfigured(emuBin, emulatorConfig(0, 0, quota))
		if err != nil {
			return err
		}
		defer zemu.stop()
		sets = append(sets, &phaseSet{name: "provider, no latency", dir: filepath.Join(work, "zero"), cfg: providerConfig, emu: zemu, out: &r.zero})
	}
	if err := r.runFirstPass(work, emu, sets); err != nil {
		return err
	}
	if o.cpuRounds > 0 {
		cemu, err := startConfigured(emuBin, emulatorConfig(0, 0, quota))
		if err != nil {
			return err
		}
		defer cemu.stop()
		fmt.Fprintf(os.Stderr, "bench: paired CPU pass, %d rounds\n", o.cpuRounds)
		if r.cpu, err = runCPU(o, cemu, work); err != nil {
			return err
		}
	}
	// Pass 2: the same phases under the emulator's default rate limit.
	if !o.skipLimited {
		if err := r.runLimitedPass(work, emu, quota); err != nil {
			return err
		}
	}
	if o.gobench {
		fmt.Fprintln(os.Stderr, "bench: in-process Go benchmarks (go test -bench 'Schedule|SchemaWeight' ./internal/provider/)")
		if r.gobench, r.weight, err = runGoBench(); err != nil {
			return err
		}
	}
	r.loadEnd = loadAvg()
	return r.write()
}

// checkBinaries fails unless make bench has built the three programs the
// bench runs into binDir.
func checkBinaries(binDir string) error {
	for _, f := range []string{"terraform-provider-jpush", "jpush-emulator", "terraform-provider-benchfloor"} {
		if _, err := os.Stat(filepath.Join(binDir, f)); err != nil {
			return fmt.Errorf("%s not built (run make bench): %w", f, err)
		}
	}
	return nil
}

// workFolder creates the folder the phase sets live in, and returns the
// function that removes it at the end, or with keep says where it is and
// leaves it (its Terraform and provider logs) for a look.
func workFolder(keep bool) (string, func(), error) {
	work, err := os.MkdirTemp("", "jpush-bench-")
	if err != nil {
		return "", nil, err
	}
	if keep {
		fmt.Fprintln(os.Stderr, "bench: work folder", work)
		return work, func() {}, nil
	}
	return work, func() { _ = os.RemoveAll(work) }, nil
}

// scheduleQuota is the emulator's schedule quota for n schedules: raised
// from JPush's 100, with room to spare.
func scheduleQuota(n int) int { return max(200, 2*n) }

// emulatorConfig is the body of PUT /_emulator/config for a latency, a
// rate limit a minute (0: off) and a schedule quota.
func emulatorConfig(latency time.Duration, rateLimit, quota int) map[string]any {
	return map[string]any{"latency": latency.String(), "rate_limit_per_minute": rateLimit, "schedule_quota": quota}
}

// startConfigured starts an emulator of its own for one pass and
// configures it; it stops the emulator again if the configuration fails.
func startConfigured(bin string, config map[string]any) (*emulator, error) {
	e, err := startEmulator(bin)
	if err != nil {
		return nil, err
	}
	if err := e.admin("PUT", "/_emulator/config", config); err != nil {
		e.stop()
		return nil, err
	}
	return e, nil
}

// firstPassSets are the provider and both floors of the first pass, on emu.
func (r *report) firstPassSets(work string, emu *emulator) []*phaseSet {
	return []*phaseSet{
		{name: "provider", dir: filepath.Join(work, "provider"), cfg: providerConfig, emu: emu, out: &r.provider},
		{name: "terraform_data floor", dir: filepath.Join(work, "floor"), cfg: floorConfig, emu: emu, out: &r.floor},
		{name: "plugin floor", dir: filepath.Join(work, "pfloor"), cfg: pluginFloorConfig, emu: emu, out: &r.pfloor},
	}
}

// runFirstPass takes sets through the four phases, then measures the
// schedules that all fired, with the rate limit off.
func (r *report) runFirstPass(work string, emu *emulator, sets []*phaseSet) error {
	o := r.opts
	fmt.Fprintf(os.Stderr, "bench: %d schedules, latency %s, rate limit off; %d terraform_data and %d benchfloor_item resources\n", o.n, o.latency, o.n, o.n)
	if err := runPhases(o, sets); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: %d schedules that all fire, latency %s, rate limit off\n", o.n, o.latency)
	var err error
	r.fired, err = runFired(o, firedSet(work, "provider, all fired", emu, ""), 0)
	return err
}

// runLimitedPass measures, on a reset emulator each time, the fired
// schedules and then the four phases under the rate limit. INFO logging
// is enough for the client's rate-limit wait lines.
func (r *report) runLimitedPass(work string, emu *emulator, quota int) error {
	o := r.opts
	if err := resetEmulator(emu, emulatorConfig(o.latency, o.rateLimit, quota)); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: %d schedules that all fire, then plan and destroy under the rate limit %d a minute\n", o.n, o.rateLimit)
	// runFired creates the schedules with the limit off and turns it on.
	if err := emu.admin("PUT", "/_emulator/config", map[string]any{"rate_limit_per_minute": 0}); err != nil {
		return err
	}
	var err error
	if r.firedLimited, err = runFired(o, firedSet(work, "provider, all fired, rate-limited", emu, "INFO"), o.rateLimit); err != nil {
		return err
	}
	if err := resetEmulator(emu, emulatorConfig(o.latency, o.rateLimit, quota)); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: %d schedules, latency %s, rate limit %d a minute (real-time windows: a few minutes)\n", o.n, o.latency, o.rateLimit)
	return runPhases(o, []*phaseSet{{
		name: "provider, rate-limited", dir: filepath.Join(work, "limited"),
		cfg: providerConfig, emu: emu, logLevel: "INFO", out: &r.limited,
	}})
}

// resetEmulator empties emu (schedules, clock, counters) and configures it.
func resetEmulator(emu *emulator, config map[string]any) error {
	if err := emu.admin("POST", "/_emulator/reset", nil); err != nil {
		return err
	}
	return emu.admin("PUT", "/_emulator/config", config)
}

// write writes the report to o.out and prints it.
func (r *report) write() error {
	md := r.markdown()
	if err := os.WriteFile(r.opts.out, []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Print(md)
	return nil
}

// configFunc writes the Terraform configuration of a phase set into dir.
type configFunc func(dir string, n int, emu *emulator) error

// phaseSet is one Terraform configuration taken through the four phases.
type phaseSet struct {
	name     string
	dir      string
	cfg      configFunc
	emu      *emulator
	logLevel string // TF_LOG_PROVIDER for the phases ("" = no log)
	out      *[]phase
}

// steps are the measured phases, in order.
var steps = []struct {
	name string
	args []string
	want []int // acceptable exit codes
}{
	{"apply (create)", []string{"apply", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
	{"plan (no change)", []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
	{"apply (update all)", []string{"apply", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=b"}, []int{0}},
	{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=b"}, []int{0}},
}

// prepareSet writes a set's configuration and its CLI configuration (the
// dev_overrides that install the binaries of bin/), and returns the
// latter's path.
func prepareSet(o options, set *phaseSet) (string, error) {
	if err := os.MkdirAll(set.dir, 0o755); err != nil {
		return "", err
	}
	if err := set.cfg(set.dir, o.n, set.emu); err != nil {
		return "", err
	}
	cliConfig := filepath.Join(set.dir, "dev.tfrc")
	return cliConfig, os.WriteFile(cliConfig, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "jpushtf/jpush" = %q
    "jpushtf/benchfloor" = %q
  }
  direct {}
}
`, o.binDir, o.binDir)), 0o644)
}

// runPhases takes every set through the phases, phase by phase.
func runPhases(o options, sets []*phaseSet) error {
	cliConfig := map[*phaseSet]string{}
	for _, set := range sets {
		c, err := prepareSet(o, set)
		if err != nil {
			return err
		}
		cliConfig[set] = c
	}
	for _, s := range steps {
		for _, set := range sets {
			p, err := runStep(o, set, cliConfig[set], s.name, s.args, s.want)
			if err != nil {
				return err
			}
			*set.out = append(*set.out, p)
		}
	}
	return nil
}

// runStep measures one Terraform command of a set and checks its exit code.
func runStep(o options, set *phaseSet, cliConfig, name string, args []string, want []int, extraEnv ...string) (phase, error) {
	p, err := measure(o, set.emu, set.dir, cliConfig, name, args, set.logLevel, extraEnv...)
	if err != nil {
		return p, err
	}
	fmt.Fprintf(os.Stderr, "bench:   %-24s %-34s %7.2f s, CPU %6.2f s, %d API calls\n", set.name, name, p.Wall.Seconds(), p.CPU.Seconds(), p.total())
	if !contains(want, p.ExitCode) {
		out, _ := os.ReadFile(filepath.Join(set.dir, "terraform-"+slug(name)+".log"))
		return p, fmt.Errorf("%s (%s) in %s: terraform exited %d:\n%s", name, set.name, set.dir, p.ExitCode, tail(string(out), 40))
	}
	return p, nil
}

func measure(o options, emu *emulator, dir, cliConfig, name string, args []string, logLevel string, extraEnv ...string) (phase, error) {
	before, err := emu.stats()
	if err != nil {
		return phase{}, err
	}
	logPath := filepath.Join(dir, "provider-"+slug(name)+".log")
	_ = os.Remove(logPath)
	cmd := exec.Command(o.terraform, args...)
	cmd.Dir = dir
	env := []string{}
	for _, kv := range os.Environ() {
		// The harness decides about logging: a stray TF_LOG would slow
		// every phase down and skew the comparison with the floor.
		if !strings.HasPrefix(kv, "TF_LOG") && !strings.HasPrefix(kv, "TF_CLI_ARGS") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"JPUSH_ENDPOINT="+emu.url,
		"JPUSH_APP_KEY="+appKey,
		"JPUSH_MASTER_SECRET="+masterSecret,
	)
	cmd.Env = env
	if logLevel != "" {
		cmd.Env = append(cmd.Env, "TF_LOG_PROVIDER="+logLevel, "TF_LOG_PATH="+logPath)
	}
	cmd.Env = append(cmd.Env, extraEnv...)
	var combined bytes.Buffer
	cmd.Stdout, cmd.Stderr = &combined, &combined
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	var cpu time.Duration
	if ps := cmd.ProcessState; ps != nil {
		// wait4 accounts the provider processes Terraform waited for to it.
		cpu = ps.UserTime() + ps.SystemTime()
	}
	_ = os.WriteFile(filepath.Join(dir, "terraform-"+slug(name)+".log"), combined.Bytes(), 0o644)
	code := 0
	if runErr != nil {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) {
			return phase{}, runErr
		}
		code = ee.ExitCode()
	}
	after, err := emu.stats()
	if err != nil {
		return phase{}, err
	}
	calls := map[string]int{}
	for route, n := range after.Requests {
		if d := n - before.Requests[route]; d > 0 {
			calls[route] = d
		}
	}
	w := rateLimitWaits(logPath)
	return phase{
		Name: name, Wall: wall, CPU: cpu, Calls: calls, ExitCode: code,
		Limited: after.RateLimited - before.RateLimited,
		Waits:   w.count, WaitSum: w.sum, WaitWall: w.wall,
	}, nil
}

func slug(s string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// waitLineRE matches the client's Info line for a wait on the rate-limit
// window (client.RateLimitWaitMessage) in TF_LOG_PATH, with the log
// timestamp at the start of the line (the end of the wait).
var (
	waitLineRE = regexp.MustCompile(`jpush: waited for the rate-limit window`)
	waitMsRE   = regexp.MustCompile(`wait_ms[=:"\s]+([0-9.]+)`)
	logTimeRE  = regexp.MustCompile(`^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d))`)
)

type waits struct {
	count int
	sum   time.Duration // total over calls (concurrent waits add up)
	wall  time.Duration // union of the wait intervals
}

// rateLimitWaits reads the rate-limit waits the provider logged.
func rateLimitWaits(logPath string) waits {
	var w waits
	f, err := os.Open(logPath)
	if err != nil {
		return w
	}
	defer f.Close()
	type span struct{ from, to time.Time }
	var spans []span
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if !waitLineRE.MatchString(line) {
			continue
		}
		m := waitMsRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ms, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			continue
		}
		d := time.Duration(ms * float64(time.Millisecond))
		w.count++
		w.sum += d
		if t := logTimeRE.FindStringSubmatch(line); t != nil {
			if end, err := time.Parse(time.RFC3339Nano, t[1]); err == nil {
				spans = append(spans, span{end.Add(-d), end})
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from.Before(spans[j].from) })
	var cur span
	for i, sp := range spans {
		switch {
		case i == 0:
			cur = sp
		case !sp.from.After(cur.to):
			if sp.to.After(cur.to) {
				cur.to = sp.to
			}
		default:
			w.wall += cur.to.Sub(cur.from)
			cur = sp
		}
	}
	if len(spans) > 0 {
		w.wall += cur.to.Sub(cur.from)
	}
	return w
}

func providerConfig(dir string, n int, emu *emulator) error {
	now, err := emu.now()
	if err != nil {
		return err
	}
	fire := now.Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`variable "suffix" {
  type = string
}

terraform {
  required_providers {
    jpush = { source = "jpushtf/jpush" }
  }
}

provider "jpush" {}

resource "jpush_schedule" "bench" {
  count = %d
  name  = "bench_${count.index}_${var.suffix}"
  trigger = {
    single = { time = %q }
  }
  push = {
    platform     = ["android", "ios"]
    audience     = { tag = ["bench"] }
    notification = { alert = "bench ${count.index}" }
  }
}
`, n, fire)), 0o644)
}

func floorConfig(dir string, n int, _ *emulator) error {
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`variable "suffix" {
  type = string
}

resource "terraform_data" "bench" {
  count = %d
  input = "bench_${count.index}_${var.suffix}"
}
`, n)), 0o644)
}

// pluginFloorConfig is the plugin floor: N resources of the minimal
// framework provider, with the same input as the terraform_data floor.
func pluginFloorConfig(dir string, n int, _ *emulator) error {
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(fmt.Sprintf(`variable "suffix" {
  type = string
}

terraform {
  required_providers {
    benchfloor = { source = "jpushtf/benchfloor" }
  }
}

resource "benchfloor_item" "bench" {
  count = %d
  input = "bench_${count.index}_${var.suffix}"
}
`, n)), 0o644)
}

// parallelism is Terraform's default -parallelism.
const parallelism = 10

// Route keys of the emulator's counters.
const (
	routeCreate = "POST /v3/schedules"
	routeList   = "GET /v3/schedules"
	routeGet    = "GET /v3/schedules/{id}"
	routeUpdate = "PUT /v3/schedules/{id}"
	routeDelete = "DELETE /v3/schedules/{id}"
	routeCID    = "GET /v3/push/cid"
)

// listPages is how many list pages (50 schedules each) a refresh of n
// schedules needs.
func listPages(n int) int { return (n + 49) / 50 }

// latencyPath is the least time the API calls of p take with the
// emulator's latency l at Terraform's parallelism: writes run parallelism
// at a time, list pages and the CID batch are each one call on the
// critical path.
func latencyPath(p phase, l time.Duration) time.Duration {
	writes := p.Calls[routeCreate] + p.Calls[routeUpdate] + p.Calls[routeDelete] + p.Calls[routeGet]
	rounds := (writes + parallelism - 1) / parallelism
	return time.Duration(rounds+p.Calls[routeList]+p.Calls[routeCID]) * l
}

// markdown renders the report: the measurements, the targets and how to
// read them, then each optional section that was measured.
func (r *report) markdown() string {
	var b strings.Builder
	r.headerMarkdown(&b)
	r.rateLimitOffMarkdown(&b)
	if r.haveSplit() {
		r.gapSplitMarkdown(&b)
	}
	r.targetsMarkdown(&b)
	r.readingGapMarkdown(&b)
	r.firedMarkdown(&b)
	if r.cpu != nil {
		r.cpu.markdown(&b, r.opts)
	}
	r.weightMarkdown(&b)
	r.goBenchMarkdown(&b)
	r.limitedMarkdown(&b)
	return b.String()
}

// havePluginFloor reports whether the plugin floor ran beside every
// provider phase.
func (r *report) havePluginFloor() bool { return len(r.pfloor) == len(r.provider) }

// pluginFloor is the plugin floor's phase i, or a zero phase when the
// plugin floor did not run beside every provider phase.
func (r *report) pluginFloor(i int) phase {
	if r.havePluginFloor() {
		return r.pfloor[i]
	}
	return phase{}
}

// haveSplit reports whether the wall time can be split in its four
// layers: the 0-latency run and the plugin floor ran beside every
// provider phase.
func (r *report) haveSplit() bool { return len(r.zero) == len(r.provider) && r.havePluginFloor() }

// headerMarkdown writes the title, the machine and the setup of the run.
func (r *report) headerMarkdown(b *strings.Builder) {
	o := r.opts
	fmt.Fprintf(b, "# Benchmarks\n\n")
	fmt.Fprintf(b, "Generated by `make bench` (`scripts/bench.sh` → `go run ./tools/bench`) on %s. Do not edit by hand.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(b, "Machine: %s/%s, %d CPUs, %s; %s; %s; load average %s at the start, %s at the end.\n\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), memTotal(), runtime.Version(), r.tfVer, r.loadStart, r.loadEnd)
	fmt.Fprintf(b, "N = %d schedules (`jpush_schedule` with `count`), emulator latency %s per call, Terraform default parallelism (%d), "+
		"emulator schedule quota raised to %d. Two floors run the same four phases with N resources in the same run, phase by "+
		"phase in turn with the provider: `terraform_data` (built into Terraform: no plugin process) and the plugin floor "+
		"`benchfloor_item` (`tools/bench/floorprovider`: a minimal terraform-plugin-framework provider, a computed `id` and "+
		"one `input` string, nothing stored remotely, installed through the same `dev_overrides`). "+
		"CPU is user+system time of Terraform and the provider processes it ran.\n\n", o.n, o.latency, parallelism, max(200, 2*o.n))
}

// rateLimitOffMarkdown writes the table of the provider's phases beside
// both floors, with the rate limit off.
func (r *report) rateLimitOffMarkdown(b *strings.Builder) {
	o := r.opts
	fmt.Fprintf(b, "## Rate limit off\n\n")
	fmt.Fprintf(b, "| phase | wall | `terraform_data` wall | ratio | plugin floor wall | ratio to plugin floor | CPU | `terraform_data` CPU | plugin floor CPU | API calls | calls / schedule | calls by route |\n")
	fmt.Fprintf(b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for i, p := range r.provider {
		f, g := r.floor[i], r.pluginFloor(i)
		fmt.Fprintf(b, "| %s | %s | %s | %.2f | %s | %.2f | %s | %s | %s | %d | %.2f | %s |\n", p.Name, secs(p.Wall), secs(f.Wall),
			ratio(p.Wall, f.Wall), secs(g.Wall), ratio(p.Wall, g.Wall), secs(p.CPU), secs(f.CPU), secs(g.CPU),
			p.total(), float64(p.total())/float64(o.n), routes(p.Calls))
	}
}

// gapSplitMarkdown writes the table that splits each phase's wall time in
// its four layers (needs haveSplit).
func (r *report) gapSplitMarkdown(b *strings.Builder) {
	o := r.opts
	fmt.Fprintf(b, "\n### Where the gap to the floor goes\n\n")
	fmt.Fprintf(b, "Each phase's wall time split in four layers, each the difference of two measurements of the same run: "+
		"**Terraform built-in floor** (`terraform_data`) → **plugin floor** (`benchfloor_item` minus `terraform_data`: "+
		"plugin process starts, gRPC, the framework) → **the provider's own cost** (`jpush_schedule` with no emulator "+
		"latency minus the plugin floor: its schema, validators, plan modifiers and model conversions, in Terraform and in "+
		"the provider) → **API latency** (`jpush_schedule` at %s minus at 0 latency). The least API time is the calls' "+
		"critical path at %s a call: writes %d at a time, each list page and the CID batch one call.\n\n",
		o.latency, o.latency, parallelism)
	fmt.Fprintf(b, "| phase | built-in floor | + plugin floor | + provider's own cost | + API latency | = wall at %s | least API time | ratio at 0 latency to plugin floor | CPU at 0 latency | plugin floor CPU |\n", o.latency)
	fmt.Fprintf(b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for i, p := range r.provider {
		z, f, g := r.zero[i], r.floor[i], r.pluginFloor(i)
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s |\n", p.Name, secs(f.Wall), secs(g.Wall-f.Wall),
			secs(z.Wall-g.Wall), secs(p.Wall-z.Wall), secs(p.Wall), secs(latencyPath(p, o.latency)),
			ratio(z.Wall, g.Wall), secs(z.CPU), secs(g.CPU))
	}
}

// targetRow returns the function that writes one row of the targets
// table: the target, what was measured, and whether it was met.
func targetRow(b *strings.Builder) func(target, measured string, ok bool) {
	return func(target, measured string, ok bool) {
		mark := "yes"
		if !ok {
			mark = "**no**"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", target, measured, mark)
	}
}

// targetsMarkdown writes the targets table: the call and wall targets of
// the four phases (when all four ran), then those of the fired phases,
// the CPU pass and the rate-limited run.
func (r *report) targetsMarkdown(b *strings.Builder) {
	fmt.Fprintf(b, "\n## Targets at N = %d\n\n", r.opts.n)
	fmt.Fprintf(b, "| target | measured | met |\n|---|---|:-:|\n")
	check := targetRow(b)
	if len(r.provider) == 4 {
		r.callTargets(check)
		r.wallTargets(check)
	}
	r.firedTargets(check)
	if r.cpu != nil {
		r.cpu.targets(check)
	}
	r.limitedTargets(check)
}

// callTargets checks the API calls of the four provider phases against
// what the provider is meant to make.
func (r *report) callTargets(check func(target, measured string, ok bool)) {
	o := r.opts
	ap, pl, up, de := r.provider[0], r.provider[1], r.provider[2], r.provider[3]
	cids := (o.n + 99) / 100
	check("no-change plan: at most 3 API calls", fmt.Sprintf("%d (%s)", pl.total(), routes(pl.Calls)), pl.total() <= 3)
	// The only reads of a create: the credentials check, one list page
	// in each walk that plans the creates (the plan and the apply's).
	check(fmt.Sprintf("apply: %d creates + at most %d CID call(s), no reads but the credentials check (at most 2 list pages)", o.n, cids),
		routes(ap.Calls), ap.Calls[routeCreate] == o.n && ap.Calls[routeCID] <= cids && ap.Calls[routeList] <= 2 &&
			ap.total() == ap.Calls[routeCreate]+ap.Calls[routeCID]+ap.Calls[routeList])
	check(fmt.Sprintf("update: %d PUTs, no GET after a PUT, refresh by list (%d page(s))", o.n, listPages(o.n)),
		routes(up.Calls), up.Calls[routeUpdate] == o.n && up.Calls[routeGet] == 0 && up.Calls[routeList] <= listPages(o.n) &&
			up.total() == up.Calls[routeUpdate]+up.Calls[routeList])
	check(fmt.Sprintf("destroy: %d DELETEs plus the refresh's list calls", o.n),
		routes(de.Calls), de.Calls[routeDelete] == o.n && de.Calls[routeGet] == 0 && de.Calls[routeList] <= listPages(o.n) &&
			de.total() == de.Calls[routeDelete]+de.Calls[routeList])
}

// wallTargets checks each provider phase's wall time against the floors
// (the plugin floor's only when it ran beside every phase).
func (r *report) wallTargets(check func(target, measured string, ok bool)) {
	o := r.opts
	for i, p := range r.provider {
		f := r.floor[i]
		check(p.Name+": wall within 1.5× `terraform_data`",
			fmt.Sprintf("%s vs %s (%.2f×)", secs(p.Wall), secs(f.Wall), ratio(p.Wall, f.Wall)), p.Wall.Seconds() <= 1.5*f.Wall.Seconds())
		if !r.havePluginFloor() {
			continue
		}
		g := r.pluginFloor(i)
		check(p.Name+": wall within 1.5× the plugin floor",
			fmt.Sprintf("%s vs %s (%.2f×)", secs(p.Wall), secs(g.Wall), ratio(p.Wall, g.Wall)), p.Wall.Seconds() <= 1.5*g.Wall.Seconds())
		least := latencyPath(p, o.latency)
		check(p.Name+": wall less the least API time within 1.5× the plugin floor",
			fmt.Sprintf("%s − %s = %s vs %s (%.2f×)", secs(p.Wall), secs(least), secs(p.Wall-least), secs(g.Wall), ratio(p.Wall-least, g.Wall)),
			(p.Wall-least).Seconds() <= 1.5*g.Wall.Seconds())
	}
}

// limitedTargets checks that the rate-limited run, if any, never ran
// into a 429.
func (r *report) limitedTargets(check func(target, measured string, ok bool)) {
	if len(r.limited) == 0 {
		return
	}
	n429 := 0
	for _, p := range r.limited {
		n429 += p.Limited
	}
	check(fmt.Sprintf("rate limit %d a minute: no call runs into a 429", r.opts.rateLimit), fmt.Sprintf("%d 429 answers", n429), n429 == 0)
}

// readingGapMarkdown explains the wall-time gap to the floor layer by
// layer, with this run's numbers when the split is there.
func (r *report) readingGapMarkdown(b *strings.Builder) {
	o := r.opts
	fmt.Fprintf(b, "\n### Reading the wall-time gap\n\n")
	fmt.Fprintf(b, "The call targets are what the provider controls, and they are met: the refresh of every schedule is "+
		"one list snapshot (%d page(s) of 50, fetched concurrently after the first), no schedule is read back after a "+
		"create or an update (their answers tell the state), an update sends only the changed sections, and the CID "+
		"pool fetches one batch of 100 for all creates.\n\n", listPages(o.n))
	fmt.Fprintf(b, "The wall-time gap to `terraform_data`, layer by layer (see the split above):\n\n")
	fmt.Fprintf(b, "1. **Terraform built-in floor.** `terraform_data` is built into Terraform: no plugin process, no gRPC, a "+
		"one-attribute schema. No provider can get below it.\n")
	fmt.Fprintf(b, "2. **Plugin floor.** Any plugin provider, even one with a single string attribute that stores nothing, "+
		"starts its plugin process several times per command (schema, validation, plan and apply walks) and sends every "+
		"resource through gRPC and the plugin framework three to five times (ValidateResourceConfig, UpgradeResourceState, "+
		"ReadResource, PlanResourceChange, again in the apply walk, ApplyResourceChange). This layer is the same for "+
		"every framework provider and is not ours to reduce.\n")
	fmt.Fprintf(b, "3. **The provider's own cost.** What `jpush_schedule` adds over the plugin floor with the API answering at "+
		"once: the typed `push` object has about a hundred nested attributes, and Terraform and the framework convert, "+
		"walk and diff the whole value (every null attribute included) in every one of those calls, plus the provider's "+
		"validators, plan modifiers and model conversions. It is CPU time (see the CPU columns) and grows with N and the "+
		"machine's load. `go test -bench Schedule ./internal/provider/` measures the provider's part of it per resource "+
		"and call; `push_json` instead of the typed `push` roughly halves it.\n")
	fmt.Fprintf(b, "4. **API latency.** Bounded below by the \"least API time\": %d writes at Terraform's parallelism of %d "+
		"are %d rounds of %s, plus the list page(s) and the CID batch on the critical path. No phase makes a call the "+
		"targets do not allow, so this part is unavoidable; a measured latency part below the least is the scheduling "+
		"noise of two runs on a loaded machine (the 0-latency run may be the slower one).\n",
		o.n, parallelism, (o.n+parallelism-1)/parallelism, o.latency)
	fmt.Fprintf(b, "5. **Rate limit.** Under the rate limit, every phase that writes all %d schedules needs more calls than "+
		"one window holds and so waits for the next window (up to a minute, real time): that wait is the limit's, and the "+
		"client spends it waiting rather than collecting 429s and retrying (see the last section).\n", o.n)
	if r.haveSplit() && len(r.provider) == 4 {
		r.gapNumbersMarkdown(b)
	}
}

// gapNumbersMarkdown gives each phase's layers in seconds and ratios.
func (r *report) gapNumbersMarkdown(b *strings.Builder) {
	o := r.opts
	fmt.Fprintf(b, "\nIn numbers (wall, this run):\n\n")
	for i, p := range r.provider {
		z, f, g := r.zero[i], r.floor[i], r.pluginFloor(i)
		fmt.Fprintf(b, "- %s: %s built-in floor + %s plugin floor + %s provider's own cost + %s API latency (least %s) = %s; "+
			"%.2f× `terraform_data`, %.2f× the plugin floor, %.2f× the plugin floor at 0 latency.\n",
			p.Name, secs(f.Wall), secs(g.Wall-f.Wall), secs(z.Wall-g.Wall), secs(p.Wall-z.Wall), secs(latencyPath(p, o.latency)),
			secs(p.Wall), ratio(p.Wall, f.Wall), ratio(p.Wall, g.Wall), ratio(z.Wall, g.Wall))
	}
	fmt.Fprintf(b, "\nThe 1.5× target against `terraform_data` is out of reach of any plugin provider whenever the plugin "+
		"floor alone is above 1.5× `terraform_data`; against the plugin floor, what is left above 1.5× after the least API "+
		"time is the provider's own cost (layer 3).\n")
}

// goBenchMarkdown writes the in-process Go benchmarks, if they ran.
func (r *report) goBenchMarkdown(b *strings.Builder) {
	if len(r.gobench) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## The provider's CPU per resource and call\n\n")
	fmt.Fprintf(b, "`go test -run '^$' -bench Schedule -benchmem ./internal/provider/` (`bench_plan_test.go`): one "+
		"`jpush_schedule` of the configuration above through the framework's provider server in process (no "+
		"Terraform, no gRPC, emulator at 0 latency), per plugin-protocol call. \"typed\" is the `push` object, "+
		"\"json\" the same push as `push_json`. Terraform makes each call once per resource in a phase "+
		"(ValidateResourceConfig in every walk that validates).\n\n")
	fmt.Fprintf(b, "| call | typed | json | typed B/op | typed allocs/op | json allocs/op |\n|---|---:|---:|---:|---:|---:|\n")
	for _, g := range r.gobench {
		fmt.Fprintf(b, "| %s | %.2f ms | %.2f ms | %d | %d | %d |\n", g.call, g.typed.ms, g.json.ms, g.typed.bytes, g.typed.allocs, g.json.allocs)
	}
}

// limitedMarkdown writes the phases of the rate-limited run, if it ran.
func (r *report) limitedMarkdown(b *strings.Builder) {
	if len(r.limited) == 0 {
		return
	}
	o := r.opts
	fmt.Fprintf(b, "\n## Emulator rate limit %d calls a minute\n\n", o.rateLimit)
	fmt.Fprintf(b, "The same phases (latency %s) under the emulator's default limit, in real-time one-minute windows shared by "+
		"all four phases (one app key). \"Waited\" is the wall time during which at least one call was held back by the client "+
		"until the window reset (from the provider's Info log line `jpush: waited for the rate-limit window` with `wait_ms`, "+
		"read from TF_LOG_PATH); \"sum\" adds up the waits of concurrent calls.\n\n", o.latency)
	fmt.Fprintf(b, "| phase | wall | waited | calls that waited | sum of waits | API calls | 429 answers | calls by route |\n")
	fmt.Fprintf(b, "|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, p := range r.limited {
		fmt.Fprintf(b, "| %s | %s | %s | %d | %s | %d | %d | %s |\n", p.Name, secs(p.Wall), secs(p.WaitWall), p.Waits,
			secs(p.WaitSum), p.total(), p.Limited, routes(p.Calls))
	}
	fmt.Fprintf(b, "\nA window allows %d calls; a phase that needs more than the current window has left waits for the next "+
		"window instead of running into 429. That wait is the limit's unavoidable cost: %d schedules need at least "+
		"%d creates, updates or deletes, so every phase that writes them all crosses a window boundary.\n", o.rateLimit, o.n, o.n)
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return math.Inf(1)
	}
	return a.Seconds() / b.Seconds()
}

// loadAvg is the 1-minute load average, or "unknown".
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func routes(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%#q %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func terraformVersion(tf string) string {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		return "terraform (version unknown)"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func memTotal() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return fmt.Sprintf("%.0f GiB RAM", math.Round(kb/1024/1024))
		}
	}
	return "memory unknown"
}

// emulator is a jpush-emulator process on loopback.
type emulator struct {
	cmd *exec.Cmd
	url string
}

func startEmulator(bin string) (*emulator, error) {
	cmd := exec.Command(bin, "-listen", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("emulator did not start: %w", err)
	}
	const prefix = "jpush-emulator listening on "
	if !strings.HasPrefix(line, prefix) {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("unexpected emulator banner %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	return &emulator{cmd: cmd, url: strings.TrimSpace(strings.TrimPrefix(line, prefix))}, nil
}

func (e *emulator) stop() {
	_ = e.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = e.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = e.cmd.Process.Kill()
	}
}

func (e *emulator) admin(method, path string, body any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, msg)
	}
	return nil
}

type stats struct {
	Requests    map[string]int `json:"requests"`
	RateLimited int            `json:"rate_limited"`
}

func (e *emulator) stats() (stats, error) {
	var s stats
	err := e.getJSON("/_emulator/stats", &s)
	return s, err
}

func (e *emulator) now() (time.Time, error) {
	var c struct {
		Now time.Time `json:"now"`
	}
	return c.Now, e.getJSON("/_emulator/clock", &c)
}

func (e *emulator) getJSON(path string, v any) error {
	resp, err := http.Get(e.url + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// goBench is one call of the in-process Go benchmarks, typed and json.
type goBench struct {
	call        string
	typed, json benchResult
}

type benchResult struct {
	ms            float64
	bytes, allocs int
}

var goBenchRE = regexp.MustCompile(`^BenchmarkSchedule(\w+)/(typed|json)-\d+\s+\d+\s+([0-9.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)

// goBenchCalls names the benchmarks by the plugin-protocol call they make.
var goBenchCalls = []struct{ bench, call string }{
	{"Validate", "ValidateResourceConfig"},
	{"UpgradeState", "UpgradeResourceState"},
	{"Read", "ReadResource (refresh)"},
	{"PlanNoChange", "PlanResourceChange, no change"},
	{"PlanUpdate", "PlanResourceChange, rename"},
}

// runGoBench runs the provider's in-process benchmarks (the median of 3
// runs of each).
func runGoBench() ([]goBench, []schemaWeight, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "Schedule|SchemaWeight", "-benchmem", "-benchtime", "300x", "-count", "3", "./internal/provider/")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, nil, fmt.Errorf("go test -bench: %w\n%s", err, tail(string(out), 20))
	}
	got := map[string][]benchResult{}
	for _, line := range strings.Split(string(out), "\n") {
		m := goBenchRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		ns, _ := strconv.ParseFloat(m[3], 64)
		by, _ := strconv.Atoi(m[4])
		al, _ := strconv.Atoi(m[5])
		got[m[1]+"/"+m[2]] = append(got[m[1]+"/"+m[2]], benchResult{ms: ns / 1e6, bytes: by, allocs: al})
	}
	median := func(rs []benchResult) benchResult {
		if len(rs) == 0 {
			return benchResult{}
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].ms < rs[j].ms })
		return rs[len(rs)/2]
	}
	var res []goBench
	for _, c := range goBenchCalls {
		res = append(res, goBench{call: c.call, typed: median(got[c.bench+"/typed"]), json: median(got[c.bench+"/json"])})
	}
	return res, parseSchemaWeight(string(out)), nil
}
