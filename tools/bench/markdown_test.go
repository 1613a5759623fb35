package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/")

// ph is a phase with the given wall and CPU seconds and calls.
func ph(name string, wall, cpu float64, calls map[string]int) phase {
	return phase{
		Name: name, Wall: time.Duration(wall * float64(time.Second)), CPU: time.Duration(cpu * float64(time.Second)),
		Calls: calls,
	}
}

// fourPhases is a set of the four measured phases, scaled by k, with the
// calls a provider run of n schedules makes (none when calls is false).
func fourPhases(k float64, n int, calls bool) []phase {
	c := func(m map[string]int) map[string]int {
		if !calls {
			return nil
		}
		return m
	}
	return []phase{
		ph(steps[0].name, 10*k, 6*k, c(map[string]int{routeCreate: n, routeCID: 1, routeList: 2})),
		ph(steps[1].name, 3*k, 2.5*k, c(map[string]int{routeList: listPages(n)})),
		ph(steps[2].name, 9*k, 5*k, c(map[string]int{routeUpdate: n, routeList: listPages(n)})),
		ph(steps[3].name, 7*k, 4*k, c(map[string]int{routeDelete: n, routeList: listPages(n), routeGet: 1})),
	}
}

// fullReport has every section, with some targets met and some not.
func fullReport() *report {
	o := options{n: 100, latency: 50 * time.Millisecond, rateLimit: 100, cpuRounds: 3}
	limited := fourPhases(4, 100, true)
	limited[0].Limited, limited[0].Waits, limited[0].WaitSum, limited[0].WaitWall = 2, 40, 90*time.Second, 31*time.Second
	fired := []phase{
		ph("apply (create, not limited)", 10, 6, map[string]int{routeCreate: 100}),
		ph(firedSteps[0].name, 2, 1.5, map[string]int{routeList: 2}),
		ph(firedSteps[1].name, 2.5, 1.75, map[string]int{routeList: 2, routeDelete: 1}),
	}
	firedLimited := append([]phase(nil), fired...)
	firedLimited[2].Waits, firedLimited[2].WaitWall, firedLimited[2].Limited = 1, 12*time.Second, 1
	cpu := &cpuReport{rounds: 3, results: map[string]cpuResult{}, ratios: map[string][]float64{}}
	for i, k := range cpuKinds {
		for j, m := range cpuLogModes {
			cpu.results[k.key+"/"+m.key] = cpuResult{
				kind: k.key, mode: m.key, cpu: time.Duration(3+i+2*j) * time.Second, wall: time.Duration(5+i+j) * time.Second, calls: 4 - i,
			}
		}
		cpu.ratios[k.key+"/unset:tflog"] = []float64{0.7, 0.6 + 0.1*float64(i), 0.9}
	}
	cpu.ratios["typed:json/unset"] = []float64{1.4, 1.5, 1.6}
	cpu.ratios["typed:json/tflog"] = []float64{1.2, 1.1}
	return &report{
		opts:     o,
		provider: fourPhases(1.6, 100, true),
		floor:    fourPhases(0.5, 100, false),
		pfloor:   fourPhases(0.9, 100, false),
		zero:     fourPhases(1.2, 100, true),
		limited:  limited, fired: fired, firedLimited: firedLimited, cpu: cpu,
		gobench: []goBench{
			{call: "ValidateResourceConfig", typed: benchResult{ms: 1.25, bytes: 400000, allocs: 5000}, json: benchResult{ms: 0.5, allocs: 900}},
			{call: "ReadResource (refresh)", typed: benchResult{ms: 2.5, bytes: 800000, allocs: 9000}, json: benchResult{ms: 1, allocs: 2000}},
		},
		weight: []schemaWeight{
			{call: "ValidateResourceConfig", real: benchResult{ms: 1, allocs: 5000}, stub: benchResult{ms: 0.8, allocs: 4000}, stubNone: benchResult{ms: 0.2, allocs: 700}},
			{call: "ReadResource (refresh)", real: benchResult{ms: 2, allocs: 9000}, stub: benchResult{ms: 1.5, allocs: 8000}, stubNone: benchResult{ms: 0.5, allocs: 1500}},
		},
		tfVer: "Terraform v1.9.8", loadStart: "1.25", loadEnd: "3.50",
	}
}

// goldenReports are the reports the golden files hold: every section, and
// the variants where optional parts are missing.
func goldenReports() map[string]*report {
	all := fullReport()

	// Only the provider and the terraform_data floor (-split=false, no
	// plugin floor, -skip-limited, -cpu-rounds 0, -gobench=false), with a
	// fired run whose rate-limited half is missing and targets that fail.
	bare := fullReport()
	bare.pfloor, bare.zero, bare.limited, bare.cpu, bare.gobench, bare.weight = nil, nil, nil, nil, nil, nil
	bare.firedLimited = nil
	bare.provider = fourPhases(3, 7, true)
	bare.provider[1].Calls[routeGet] = 7
	bare.opts.n = 7

	// An interrupted run: two provider phases, no fired run, weight
	// measured with no allocations.
	partial := fullReport()
	partial.provider, partial.floor, partial.pfloor, partial.zero = partial.provider[:2], partial.floor[:2], partial.pfloor[:2], partial.zero[:2]
	partial.fired, partial.firedLimited, partial.cpu, partial.gobench = nil, nil, nil, nil
	partial.weight = []schemaWeight{{call: "ValidateResourceConfig"}}

	// The plugin floor is there but the 0-latency run is not (-split=false).
	nosplit := fullReport()
	nosplit.zero = nil

	// The 0-latency run is there but the plugin floor is not: no split
	// either, and the plugin floor's columns are zero.
	nopf := fullReport()
	nopf.pfloor = nil
	return map[string]*report{"full": all, "bare": bare, "partial": partial, "nosplit": nosplit, "nopluginfloor": nopf}
}

var (
	generatedRE = regexp.MustCompile(`on \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Do not edit by hand\.`)
	machineRE   = regexp.MustCompile(`(?m)^Machine: .*$`)
)

// normalize replaces what depends on the clock and the machine: the
// generation time and the machine line, which it checks first.
func normalize(t *testing.T, r *report, md string) string {
	t.Helper()
	if !generatedRE.MatchString(md) {
		t.Fatalf("no generation time in the header:\n%s", md[:min(len(md), 400)])
	}
	machine := machineRE.FindString(md)
	wantPrefix := fmt.Sprintf("Machine: %s/%s, %d CPUs, ", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	wantSuffix := fmt.Sprintf("; %s; %s; load average %s at the start, %s at the end.", runtime.Version(), r.tfVer, r.loadStart, r.loadEnd)
	if !strings.HasPrefix(machine, wantPrefix) || !strings.HasSuffix(machine, wantSuffix) {
		t.Fatalf("machine line %q, want %q…%q", machine, wantPrefix, wantSuffix)
	}
	md = generatedRE.ReplaceAllString(md, "on GENERATED. Do not edit by hand.")
	return machineRE.ReplaceAllString(md, "Machine: MACHINE")
}

// The report is byte for byte the golden one for fixed results (the
// generation time and the machine line aside). Run with -update to
// rewrite the golden files after an intended change of the report.
func TestMarkdownGolden(t *testing.T) {
	for name, r := range goldenReports() {
		t.Run(name, func(t *testing.T) {
			got := normalize(t, r, r.markdown())
			path := filepath.Join("testdata", "markdown-"+name+".md")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("report differs from %s (rerun with -update if intended):\n%s", path, firstDiff(string(want), got))
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return "(same lines)"
}
