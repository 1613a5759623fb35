// Command bench measures the provider end to end with the real Terraform CLI
// against the emulator: apply, a no-change plan, an in-place update of every
// schedule, and destroy, for N schedules. It runs the same phases for N
// terraform_data resources as the floor of Terraform's own overhead, then
// repeats the provider phases under the emulator's default rate limit, and
// writes a markdown report.
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
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 100, "number of schedules")
	flag.DurationVar(&o.latency, "latency", 50*time.Millisecond, "emulator latency per call")
	flag.IntVar(&o.rateLimit, "rate-limit", 100, "calls a minute for the rate-limited run")
	flag.StringVar(&o.terraform, "terraform", "terraform", "Terraform CLI")
	flag.StringVar(&o.binDir, "bin", "bin", "folder holding terraform-provider-jpush and jpush-emulator")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", "report file")
	flag.BoolVar(&o.skipLimited, "skip-limited", false, "skip the rate-limited run")
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
	Calls    map[string]int
	Limited  int           // 429 answers the emulator sent during the phase
	Waited   time.Duration // time the provider's client spent waiting on the rate-limit window
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
	opts     options
	provider []phase
	floor    []phase
	limited  []phase
	tfVer    string
}

func run(o options) error {
	binDir, err := filepath.Abs(o.binDir)
	if err != nil {
		return err
	}
	o.binDir = binDir
	for _, f := range []string{"terraform-provider-jpush", "jpush-emulator"} {
		if _, err := os.Stat(filepath.Join(binDir, f)); err != nil {
			return fmt.Errorf("%s not built (run make bench): %w", f, err)
		}
	}
	work, err := os.MkdirTemp("", "jpush-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	emu, err := startEmulator(filepath.Join(binDir, "jpush-emulator"))
	if err != nil {
		return err
	}
	defer emu.stop()

	r := &report{opts: o, tfVer: terraformVersion(o.terraform)}
	quota := max(100, o.n)

	// Pass 1: latency on, rate limit off.
	if err := emu.admin("PUT", "/_emulator/config", map[string]any{
		"latency": o.latency.String(), "rate_limit_per_minute": 0, "schedule_quota": quota,
	}); err != nil {
		return err
	}
	if r.provider, err = runPhases(o, emu, filepath.Join(work, "provider"), providerConfig); err != nil {
		return err
	}
	if r.floor, err = runPhases(o, emu, filepath.Join(work, "floor"), floorConfig); err != nil {
		return err
	}

	// Pass 2: the same phases under the emulator's default rate limit.
	if !o.skipLimited {
		if err := emu.admin("POST", "/_emulator/reset", nil); err != nil {
			return err
		}
		if err := emu.admin("PUT", "/_emulator/config", map[string]any{
			"latency": o.latency.String(), "rate_limit_per_minute": o.rateLimit, "schedule_quota": quota,
		}); err != nil {
			return err
		}
		if r.limited, err = runPhases(o, emu, filepath.Join(work, "limited"), providerConfig); err != nil {
			return err
		}
	}

	md := r.markdown()
	if err := os.WriteFile(o.out, []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Print(md)
	return nil
}

// configFunc writes the Terraform configuration of a phase set into dir.
type configFunc func(dir string, n int, emu *emulator) error

func runPhases(o options, emu *emulator, dir string, cfg configFunc) ([]phase, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := cfg(dir, o.n, emu); err != nil {
		return nil, err
	}
	cliConfig := filepath.Join(dir, "dev.tfrc")
	if err := os.WriteFile(cliConfig, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "jpushtf/jpush" = %q
  }
  direct {}
}
`, o.binDir)), 0o644); err != nil {
		return nil, err
	}
	steps := []struct {
		name string
		args []string
		want []int // acceptable exit codes
	}{
		{"apply (create)", []string{"apply", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
		{"plan (no change)", []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
		{"apply (update all)", []string{"apply", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=b"}, []int{0}},
		{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=b"}, []int{0}},
	}
	var out []phase
	for _, s := range steps {
		p, err := measure(o, emu, dir, cliConfig, s.name, s.args)
		if err != nil {
			return nil, err
		}
		if !contains(s.want, p.ExitCode) {
			out, _ := os.ReadFile(filepath.Join(dir, "terraform.log"))
			return nil, fmt.Errorf("%s in %s: terraform exited %d:\n%s", s.name, dir, p.ExitCode, tail(string(out), 40))
		}
		out = append(out, p)
	}
	return out, nil
}

func measure(o options, emu *emulator, dir, cliConfig, name string, args []string) (phase, error) {
	before, err := emu.stats()
	if err != nil {
		return phase{}, err
	}
	logPath := filepath.Join(dir, "provider.log")
	_ = os.Remove(logPath)
	cmd := exec.Command(o.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"TF_LOG_PROVIDER=DEBUG",
		"TF_LOG_PATH="+logPath,
		"JPUSH_ENDPOINT="+emu.url,
		"JPUSH_APP_KEY="+appKey,
		"JPUSH_MASTER_SECRET="+masterSecret,
	)
	var combined bytes.Buffer
	cmd.Stdout, cmd.Stderr = &combined, &combined
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	_ = os.WriteFile(filepath.Join(dir, "terraform.log"), combined.Bytes(), 0o644)
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
	return phase{
		Name: name, Wall: wall, Calls: calls, ExitCode: code,
		Limited: after.RateLimited - before.RateLimited,
		Waited:  rateLimitWaited(logPath),
	}, nil
}

// waitedRE matches the client's log line for a wait on the rate-limit window.
var waitedRE = regexp.MustCompile(`rate[- ]limit[^\n]*?wait_ms[=:"\s]+([0-9.]+)`)

// rateLimitWaited sums the rate-limit waits the provider logged.
func rateLimitWaited(logPath string) time.Duration {
	f, err := os.Open(logPath)
	if err != nil {
		return 0
	}
	defer f.Close()
	var total float64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		if m := waitedRE.FindStringSubmatch(sc.Text()); m != nil {
			if v, err := strconv.ParseFloat(m[1], 64); err == nil {
				total += v
			}
		}
	}
	return time.Duration(total * float64(time.Millisecond))
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

func (r *report) markdown() string {
	var b strings.Builder
	o := r.opts
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Generated by `make bench` on %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "Machine: %s/%s, %d CPUs, %s; %s; %s.\n\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), memTotal(), runtime.Version(), r.tfVer)
	fmt.Fprintf(&b, "N = %d schedules, emulator latency %s per call, Terraform default parallelism (10).\n\n", o.n, o.latency)

	fmt.Fprintf(&b, "## Rate limit off\n\n")
	fmt.Fprintf(&b, "| phase | wall | terraform_data floor | ratio | API calls | calls / schedule | calls by route |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---:|---|\n")
	for i, p := range r.provider {
		floor := r.floor[i].Wall
		fmt.Fprintf(&b, "| %s | %s | %s | %.2f | %d | %.2f | %s |\n", p.Name, secs(p.Wall), secs(floor),
			p.Wall.Seconds()/floor.Seconds(), p.total(), float64(p.total())/float64(o.n), routes(p.Calls))
	}
	if len(r.limited) > 0 {
		fmt.Fprintf(&b, "\n## Emulator rate limit %d calls a minute\n\n", o.rateLimit)
		fmt.Fprintf(&b, "| phase | wall | waited on the limit | API calls | 429 answers | calls by route |\n")
		fmt.Fprintf(&b, "|---|---:|---:|---:|---:|---|\n")
		for _, p := range r.limited {
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %s |\n", p.Name, secs(p.Wall), secs(p.Waited), p.total(), p.Limited, routes(p.Calls))
		}
		fmt.Fprintf(&b, "\nThe window allows %d calls a minute; a phase that needs more waits for the next window instead of running into 429.\n", o.rateLimit)
	}
	return b.String()
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
		parts = append(parts, fmt.Sprintf("`%s` %d", k, m[k]))
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
	return s, e.getJSON("/_emulator/stats", &s)
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
