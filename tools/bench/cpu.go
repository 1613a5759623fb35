package main

// Paired CPU measurement of a no-change plan: jpush_schedule with the typed
// push, the same schedules with push_json, and the plugin floor, each with
// logging unset and with TF_LOG set, interleaved round by round against an
// emulator with no latency. CPU is user+system time of Terraform and the
// provider processes it ran (wait4), so a busy machine slows the runs but
// bills each run only for its own work; the medians of several rounds and
// the ratios taken within each round keep what noise is left small.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// cpuKinds are the configurations of the CPU pass, in their order.
var cpuKinds = []struct {
	key, label string
	cfg        configFunc
}{
	{"typed", "`jpush_schedule`, typed `push`", providerConfig},
	{"json", "`jpush_schedule`, `push_json`", providerJSONConfig},
	{"floor", "plugin floor `benchfloor_item`", pluginFloorConfig},
}

// cpuLogModes are the logging settings of the CPU pass. TF_LOG=OFF keeps
// Terraform's own log off, yet tells the provider that somebody set a
// TF_LOG variable: it then logs as every framework provider does by
// default (the SDK at TRACE, every line sent to Terraform, parsed and
// dropped), which is what the provider did before it turned that off.
var cpuLogModes = []struct {
	key, label string
	env        []string
}{
	{"unset", "logging unset", nil},
	{"tflog", "`TF_LOG=OFF` set", []string{"TF_LOG=OFF"}},
}

// cpuResult is one kind under one logging mode: the medians over rounds.
type cpuResult struct {
	kind, mode string
	cpu, wall  time.Duration
	calls      int
}

type cpuReport struct {
	rounds  int
	results map[string]cpuResult       // kind/mode
	ratios  map[string][]float64       // per-round ratios, by name
	samples map[string][]time.Duration // CPU per round, kind/mode
}

// runCPU creates the schedules of every kind on emu (no latency), then
// plans each kind under each logging mode, once a round, in an order that
// rotates between rounds.
func runCPU(o options, emu *emulator, work string) (*cpuReport, error) {
	type prepared struct {
		set       *phaseSet
		cliConfig string
	}
	sets := map[string]prepared{}
	for _, k := range cpuKinds {
		var sink []phase
		set := &phaseSet{name: "cpu " + k.key, dir: filepath.Join(work, "cpu-"+k.key), cfg: k.cfg, emu: emu, out: &sink}
		c, err := prepareSet(o, set)
		if err != nil {
			return nil, err
		}
		if _, err := runStep(o, set, c, "apply (create)", steps[0].args, steps[0].want); err != nil {
			return nil, err
		}
		sets[k.key] = prepared{set, c}
	}
	rep := &cpuReport{rounds: o.cpuRounds, results: map[string]cpuResult{}, ratios: map[string][]float64{}, samples: map[string][]time.Duration{}}
	var order []string
	for _, m := range cpuLogModes {
		for _, k := range cpuKinds {
			order = append(order, k.key+"/"+m.key)
		}
	}
	walls, calls := map[string][]time.Duration{}, map[string]int{}
	for round := 0; round < o.cpuRounds; round++ {
		got := map[string]time.Duration{}
		for i := range order {
			key := order[(i+round)%len(order)]
			kind, mode, _ := strings.Cut(key, "/")
			ps := sets[kind]
			p, err := runStep(o, ps.set, ps.cliConfig, "plan (no change) "+mode, steps[1].args, steps[1].want, modeEnv(mode)...)
			if err != nil {
				return nil, err
			}
			got[key] = p.CPU
			rep.samples[key] = append(rep.samples[key], p.CPU)
			walls[key] = append(walls[key], p.Wall)
			calls[key] = p.total()
		}
		for _, k := range cpuKinds {
			rep.ratios[k.key+"/unset:tflog"] = append(rep.ratios[k.key+"/unset:tflog"], ratioF(got[k.key+"/unset"], got[k.key+"/tflog"]))
		}
		for _, m := range cpuLogModes {
			rep.ratios["typed:json/"+m.key] = append(rep.ratios["typed:json/"+m.key], ratioF(got["typed/"+m.key], got["json/"+m.key]))
		}
	}
	for key, cs := range rep.samples {
		kind, mode, _ := strings.Cut(key, "/")
		rep.results[key] = cpuResult{kind: kind, mode: mode, cpu: medianD(cs), wall: medianD(walls[key]), calls: calls[key]}
	}
	return rep, nil
}

func modeEnv(mode string) []string {
	for _, m := range cpuLogModes {
		if m.key == mode {
			return m.env
		}
	}
	return nil
}

func ratioF(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return a.Seconds() / b.Seconds()
}

func medianD(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func medianF(fs []float64) float64 {
	if len(fs) == 0 {
		return 0
	}
	s := append([]float64(nil), fs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

// perSchedule is d per schedule, in milliseconds.
func perSchedule(d time.Duration, n int) string {
	return fmt.Sprintf("%.2f ms", d.Seconds()*1000/float64(n))
}

// markdown reports the CPU pass.
func (c *cpuReport) markdown(b *strings.Builder, o options) {
	fmt.Fprintf(b, "\n## CPU of a no-change plan, per schedule\n\n")
	fmt.Fprintf(b, "%d no-change plans of each configuration below (N = %d each, emulator with no latency, rate limit off), "+
		"interleaved round by round in a rotating order, each with logging unset and with `TF_LOG=OFF` set. `TF_LOG=OFF` "+
		"keeps Terraform's own log off but tells the provider that a `TF_LOG` variable is set, so it logs as any framework "+
		"provider does by default (the SDK at TRACE, every line sent to Terraform, parsed and dropped): that is what the "+
		"provider did before it turned that logging off when nobody asked for it. The plugin floor follows the same rule. "+
		"CPU is user+system time of Terraform and the provider processes (wait4), the median of the rounds; \"over the "+
		"floor\" is the kind's CPU less the plugin floor's under the same logging, per schedule. Both `jpush_schedule` "+
		"configurations live in one app, so each refresh lists all %d schedules (%d list pages).\n\n", c.rounds, o.n, 2*o.n, listPages(2*o.n))
	fmt.Fprintf(b, "| configuration | logging | CPU (median) | CPU per schedule | over the plugin floor, per schedule | × plugin floor | wall (median) | API calls |\n")
	fmt.Fprintf(b, "|---|---|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range cpuLogModes {
		floor := c.results["floor/"+m.key]
		for _, k := range cpuKinds {
			res := c.results[k.key+"/"+m.key]
			over := "—"
			if k.key != "floor" {
				over = perSchedule(res.cpu-floor.cpu, o.n)
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %.2f | %s | %d |\n", k.label, m.label, secs(res.cpu), perSchedule(res.cpu, o.n),
				over, ratio(res.cpu, floor.cpu), secs(res.wall), res.calls)
		}
	}
	fmt.Fprintf(b, "\nPaired ratios (the median over rounds of the ratio within each round):\n\n")
	for _, k := range cpuKinds {
		r := medianF(c.ratios[k.key+"/unset:tflog"])
		fmt.Fprintf(b, "- %s: logging unset costs %.2f× the CPU with `TF_LOG` set (%.0f%% less).\n", k.label, r, 100*(1-r))
	}
	for _, m := range cpuLogModes {
		fmt.Fprintf(b, "- typed `push` over `push_json`, %s: %.2f×.\n", m.label, medianF(c.ratios["typed:json/"+m.key]))
	}
}

// providerJSONConfig is providerConfig with the same push as push_json.
func providerJSONConfig(dir string, n int, emu *emulator) error {
	if err := providerConfig(dir, n, emu); err != nil {
		return err
	}
	path := filepath.Join(dir, "main.tf")
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	typed := `  push = {
    platform     = ["android", "ios"]
    audience     = { tag = ["bench"] }
    notification = { alert = "bench ${count.index}" }
  }`
	js := `  push_json = jsonencode({
    platform     = ["android", "ios"]
    audience     = { tag = ["bench"] }
    notification = { alert = "bench ${count.index}" }
  })`
	if !strings.Contains(string(data), typed) {
		return fmt.Errorf("providerJSONConfig: the typed push of providerConfig changed")
	}
	return os.WriteFile(path, []byte(strings.Replace(string(data), typed, js, 1)), 0o644) //nolint:gosec // path is in the bench's own temporary directory
}

// targets adds the CPU pass's target to the targets table: with logging
// unset, a no-change plan of the typed push costs at least 20% less CPU
// than with TF_LOG set (the provider's logging before it was turned off).
func (c *cpuReport) targets(check func(target, measured string, ok bool)) {
	r := medianF(c.ratios["typed/unset:tflog"])
	check("no-change plan, typed `push`: logging unset costs at least 20% less CPU than with `TF_LOG` set (paired)",
		fmt.Sprintf("%.2f× (%.0f%% less)", r, 100*(1-r)), r > 0 && r <= 0.8)
}
