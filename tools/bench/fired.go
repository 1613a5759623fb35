package main

// The phases of a long-lived configuration: every schedule has fired, and
// Terraform plans and destroys them. The emulator's virtual clock moves
// past the schedules' time (30 days ahead) instead of waiting for it.

import (
	"fmt"
	"path/filepath"
	"strings"
)

// firedAdvance moves the emulator's clock past the time the provider
// configuration gives every schedule (30 days ahead).
const firedAdvance = "744h"

// firedSteps are the measured phases after every schedule fired.
var firedSteps = []struct {
	name string
	args []string
	want []int
}{
	{"plan (every schedule fired)", []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
	{"destroy (every schedule fired)", []string{"destroy", "-auto-approve", "-input=false", "-no-color", "-var", "suffix=a"}, []int{0}},
}

// runFired creates n schedules with the rate limit off, lets them all fire,
// turns the rate limit to limit (0: off) with a fresh window, and measures
// a plan and a destroy. It returns the create and the two phases.
func runFired(o options, set *phaseSet, limit int) ([]phase, error) {
	cliConfig, err := prepareSet(o, set)
	if err != nil {
		return nil, err
	}
	create, err := runStep(o, set, cliConfig, "apply (create, not limited)", steps[0].args, steps[0].want)
	if err != nil {
		return nil, err
	}
	if err := set.emu.admin("POST", "/_emulator/clock", map[string]any{"advance": firedAdvance}); err != nil {
		return nil, err
	}
	if limit > 0 {
		// The window starts with the next call: the creates above ran
		// with the limit off and used none of it.
		if err := set.emu.admin("PUT", "/_emulator/config", map[string]any{"rate_limit_per_minute": limit}); err != nil {
			return nil, err
		}
	}
	out := []phase{create}
	for _, s := range firedSteps {
		p, err := runStep(o, set, cliConfig, s.name, s.args, s.want)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// firedMarkdown reports the phases after every schedule fired.
func (r *report) firedMarkdown(b *strings.Builder) {
	if len(r.fired) == 0 {
		return
	}
	o := r.opts
	fmt.Fprintf(b, "\n## After every schedule fired\n\n")
	fmt.Fprintf(b, "A configuration that has run for months is mostly single schedules that have fired: they stay in the "+
		"state with `expired = true`. Here %d schedules are created, the emulator's virtual clock moves %s ahead so that "+
		"all of them fire (JPush then lists none of them), and Terraform plans and destroys. Emulator latency %s. "+
		"The plan must stay empty and cost no more than the list pages (%d): a schedule that has ended by JPush's "+
		"clock and is missing from the list is kept as expired with no GET. The destroy sends no DELETE for a schedule "+
		"that has fired (it can only answer 404, or remove a record that never fires again).\n\n",
		o.n, firedAdvance, o.latency, listPages(o.n))
	fmt.Fprintf(b, "| phase | rate limit | wall | CPU | API calls | calls by route | waited | 429 answers |\n|---|---|---:|---:|---:|---|---:|---:|\n")
	row := func(p phase, limit string) {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %d | %s | %s | %d |\n", p.Name, limit, secs(p.Wall), secs(p.CPU), p.total(), routes(p.Calls),
			secs(p.WaitWall), p.Limited)
	}
	for _, p := range r.fired[1:] {
		row(p, "off")
	}
	if len(r.firedLimited) > 1 {
		for _, p := range r.firedLimited[1:] {
			row(p, fmt.Sprintf("%d a minute", o.rateLimit))
		}
	}
	fmt.Fprintf(b, "\nFor comparison, the no-change plan of %d live schedules above: %s.\n", o.n, r.liveNoChangePlan())
}

// liveNoChangePlan describes the live no-change plan of the first pass.
func (r *report) liveNoChangePlan() string {
	if len(r.provider) < 2 {
		return "not measured"
	}
	p := r.provider[1]
	return fmt.Sprintf("%s wall, %s CPU, %d API calls (%s)", secs(p.Wall), secs(p.CPU), p.total(), routes(p.Calls))
}

// firedTargets adds the fired phases' call targets to the targets table.
func (r *report) firedTargets(check func(target, measured string, ok bool)) {
	o := r.opts
	for _, run := range []struct {
		phases []phase
		label  string
	}{{r.fired, "rate limit off"}, {r.firedLimited, fmt.Sprintf("rate limit %d a minute", o.rateLimit)}} {
		if len(run.phases) != 3 {
			continue
		}
		for _, p := range run.phases[1:] {
			check(fmt.Sprintf("%s, %s: at most %d API calls (the list pages), no wait for a window", p.Name, run.label, listPages(o.n)),
				fmt.Sprintf("%d (%s), waited %s", p.total(), routes(p.Calls), secs(p.WaitWall)),
				p.total() <= listPages(o.n) && p.Waits == 0 && p.Limited == 0)
		}
	}
}

// firedSet is the phase set of the fired phases in work.
func firedSet(work, name string, emu *emulator, logLevel string) *phaseSet {
	var sink []phase
	return &phaseSet{name: name, dir: filepath.Join(work, slug(name)), cfg: providerConfig, emu: emu, logLevel: logLevel, out: &sink}
}
