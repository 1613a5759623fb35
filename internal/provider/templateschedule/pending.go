package templateschedule

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// A template create whose answer is lost (the response cut off, or JPush
// answered 5xx) may have made some or all of its schedules. The template
// endpoint takes no CID, so the create cannot be replayed the way
// jpush_schedule's is (schedule_pending.go). Instead jpush_template_schedule
// finds what the create made, and never sends it blindly a second time:
//
//  1. Before sending the create, Create notes the ids of the schedules that
//     already bear the schedule name (one pass over the list): a schedule
//     that bears it afterwards and was not noted was made since.
//  2. On a lost answer, Create searches the list (on a context that
//     survives Ctrl-C) for the schedules the create made: same name, same
//     trigger, and per param the same audience and options, not noted
//     before. What it finds is taken as if the answer had named it; params
//     without a schedule are reported as failed, as a partial answer's are.
//  3. When the search cannot settle it (the list fails, it finds nothing,
//     or it finds more candidates than params), the resource is saved as
//     pending ("pending-template-create[:noted ids]" in place of its id)
//     and the apply fails, so Terraform marks it tainted. The next refresh
//     runs the same search: it adopts what it finds (the tainted resource
//     is then replaced: those schedules deleted, all params created once),
//     removes the resource when JPush holds nothing, or refuses with an
//     error naming the candidates. Delete of a pending resource (destroy,
//     or -refresh=false) deletes what the search finds.
//
// The noted ids live in the id, like jpush_schedule's CID, because the
// private state of a tainted object never reaches its replacement.

// templatePendingPrefix starts the id of a pending template create.
// JPush's schedule ids are UUIDs, so the two never meet.
const templatePendingPrefix = "pending-template-create"

// templatePending is a template create whose outcome is unknown.
type templatePending struct {
	// noted are the ids that bore the schedule name before the create.
	noted []string
}

func (p templatePending) id() string {
	if len(p.noted) == 0 {
		return templatePendingPrefix
	}
	return templatePendingPrefix + ":" + strings.Join(p.noted, ",")
}

func (p templatePending) notedSet() map[string]bool {
	m := make(map[string]bool, len(p.noted))
	for _, id := range p.noted {
		m[id] = true
	}
	return m
}

// templatePendingOf returns the pending create of a resource, or nil for a
// resource with schedule ids.
func templatePendingOf(id types.String) *templatePending {
	rest, ok := strings.CutPrefix(id.ValueString(), templatePendingPrefix)
	if !ok {
		return nil
	}
	p := &templatePending{}
	if rest, ok = strings.CutPrefix(rest, ":"); ok && rest != "" {
		p.noted = strings.Split(rest, ",")
	}
	return p
}

// namedIDs returns the ids of JPush's schedules named name.
func (r *templateScheduleResource) namedIDs(ctx context.Context, name string) (map[string]bool, error) {
	all, err := r.Client().ListAllSchedules(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, s := range all {
		if s.Name == name {
			out[s.ID] = true
		}
	}
	return out, nil
}

// createdMatch is what a search for a lost create's schedules found.
type createdMatch struct {
	ids       []string         // per param: the schedule found, "" when none
	ambiguous map[int][]string // per param: the candidates, when they outnumber the params they fit
	enabled   bool             // some schedule found is enabled
}

func (m *createdMatch) found() int {
	n := 0
	for _, id := range m.ids {
		if id != "" {
			n++
		}
	}
	return n
}

// findCreated searches JPush's list for the schedules a template create
// named name with trigger want and these params made, ignoring the noted
// ids (there before the create).
func (r *templateScheduleResource) findCreated(ctx context.Context, name string, want *trigger.Model, params []templateParamModel, noted map[string]bool) (*createdMatch, error) {
	all, err := r.Client().ListAllSchedules(ctx)
	if err != nil {
		return nil, err
	}
	loc := r.Loc()
	var cands []client.Schedule
	for _, s := range all {
		if s.ID == "" || s.Name != name || noted[s.ID] {
			continue
		}
		if tm := trigger.ModelFromClient(ctx, s.Trigger, want, loc); !tm.Equal(want) {
			continue
		}
		cands = append(cands, s)
	}
	return matchParams(params, cands), nil
}

// matchParams assigns candidates to params by audience and options, in the
// list's (creation) order. Params with the same audience and options share
// their candidates; when the candidates outnumber such params, which one is
// Terraform's cannot be told, and they are reported as ambiguous.
func matchParams(params []templateParamModel, cands []client.Schedule) *createdMatch {
	m := &createdMatch{ids: make([]string, len(params)), ambiguous: map[int][]string{}}
	matches := make([][]string, len(params))
	groups := map[string][]int{} // the candidates a param fits -> params that fit exactly those
	var keys []string
	for i := range params {
		for _, s := range cands {
			if sameParamTarget(&params[i], s.Push) {
				matches[i] = append(matches[i], s.ID)
			}
		}
		k := strings.Join(matches[i], ",")
		if _, seen := groups[k]; !seen {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, k := range keys {
		idx := groups[k]
		ids := matches[idx[0]]
		if len(ids) > len(idx) {
			for _, i := range idx {
				m.ambiguous[i] = ids
			}
			continue
		}
		for n, id := range ids {
			m.ids[idx[n]] = id
		}
	}
	for _, s := range cands {
		for _, id := range m.ids {
			if id == s.ID && s.Enabled {
				m.enabled = true
			}
		}
	}
	return m
}

// addAmbiguous reports a search that found more candidates than params.
func addAmbiguous(diags *diag.Diagnostics, name string, params []templateParamModel, m *createdMatch) {
	var lines []string
	for i := range params {
		if c, ok := m.ambiguous[i]; ok {
			lines = append(lines, fmt.Sprintf("  params[%d] (trace_id %q): candidates %s", i, params[i].TraceID, strings.Join(c, ", ")))
		}
	}
	diags.AddError("Cannot tell which JPush schedules the lost template create made",
		fmt.Sprintf("An earlier create of the template schedules %q got no answer from JPush. Looking for what it made, "+
			"Terraform found more schedules with that name, trigger and audience than the create has params, all "+
			"made after it was sent:\n%s\n\nSo as not to adopt (and later delete) a schedule that is not its own, "+
			"nor create a second set, Terraform adopts none and creates nothing. Delete the extra ones (in the JPush "+
			"console, or import them into another resource), then apply again; or remove this resource with "+
			"terraform state rm and import the right ids.", name, strings.Join(lines, "\n")))
}

// savePendingTemplate records a create that may have made schedules the
// provider could not find yet: the planned values with a pending id, and
// an error saying what happens next.
func savePendingTemplate(ctx context.Context, plan *templateScheduleModel, noted map[string]bool, createErr error, why string, resp *resource.CreateResponse) {
	p := templatePending{}
	for id := range noted {
		p.noted = append(p.noted, id)
	}
	sort.Strings(p.noted)
	plan.ID = types.StringValue(p.id())
	plan.ScheduleIDs = types.MapValueMust(types.StringType, map[string]attr.Value{})
	plan.Expired = types.BoolValue(false)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	tflog.Warn(ctx, "the template create's outcome is unknown; saving the resource as pending", map[string]any{"why": why})
	name := plan.ScheduleName.ValueString()
	enabled := ""
	if !plan.Enabled.ValueBool() {
		enabled = fmt.Sprintf(" Note that JPush creates schedules enabled: any it made fires although the "+
			"configuration says enabled = false, until the next apply deletes it; to stop it sooner, delete the "+
			"schedules named %q in the JPush console.", name)
	}
	resp.Diagnostics.AddError("Cannot create the JPush template schedule: JPush may have created it anyway",
		fmt.Sprintf("Creating the template schedules %q failed without a definite answer from JPush: %s\n\n"+
			"JPush may have created the schedules anyway, and %s. The resource is saved in the state as tainted "+
			"and pending, so nothing is forgotten. The next apply (or refresh) looks for the schedules this create "+
			"made (named %q, with this trigger and these audiences, and not there before it was sent): it adopts "+
			"and replaces them, or, if JPush holds none, creates them once. It never creates them blindly.%s",
			name, createErr, why, name, enabled))
}

// readPending is Read for a pending create: it adopts what the create made.
func (r *templateScheduleResource) readPending(ctx context.Context, state *templateScheduleModel, p *templatePending, resp *resource.ReadResponse) {
	params, m, ok := r.searchPending(ctx, state, p, &resp.Diagnostics)
	if !ok {
		return
	}
	name := state.ScheduleName.ValueString()
	if m.found() == 0 {
		resp.Diagnostics.AddWarning("The lost template create made no schedule",
			fmt.Sprintf("An earlier create of the template schedules %q got no answer from JPush, and JPush holds none "+
				"of its schedules. The resource was removed from the state; the next apply creates it.", name))
		resp.State.RemoveResource(ctx)
		return
	}
	var kept []templateParamModel
	var traces, ids []string
	for i, id := range m.ids {
		if id != "" {
			kept = append(kept, params[i])
			traces, ids = append(traces, params[i].TraceID), append(ids, id)
		}
	}
	list, d := templateParamsList(ctx, kept)
	resp.Diagnostics.Append(d...)
	state.Params = list
	state.ScheduleIDs = scheduleIDsMap(traces, ids)
	state.ID = types.StringValue(strings.Join(ids, ","))
	if m.enabled {
		state.Enabled = types.BoolValue(true) // JPush creates them enabled; the state says so
	}
	tflog.Info(ctx, "adopted the schedules of a lost template create", map[string]any{"ids": state.ID.ValueString()})
	resp.Diagnostics.AddWarning("Found the schedules of the lost template create",
		fmt.Sprintf("An earlier create of the template schedules %q got no answer from JPush; it made %s (for %s), now "+
			"in the state. The resource is tainted: the next apply replaces it (deletes these, then creates every "+
			"param once).", name, strings.Join(ids, ", "), strings.Join(traces, ", ")))
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// deletePending is Delete for a pending create: it deletes what the create
// made.
func (r *templateScheduleResource) deletePending(ctx context.Context, state *templateScheduleModel, p *templatePending, diags *diag.Diagnostics) {
	_, m, ok := r.searchPending(ctx, state, p, diags)
	if !ok {
		return
	}
	for _, id := range m.ids {
		if id == "" {
			continue
		}
		if err := r.Client().DeleteSchedule(ctx, id); err != nil && !client.IsNotFound(err) {
			conn.AddAPIError(diags, fmt.Sprintf("Cannot delete the JPush schedule %s (made by a lost template create)", id), err)
		}
	}
}

// searchPending runs findCreated for a pending resource; ok is false (with
// an error) when the search failed or was ambiguous.
func (r *templateScheduleResource) searchPending(ctx context.Context, state *templateScheduleModel, p *templatePending, diags *diag.Diagnostics) ([]templateParamModel, *createdMatch, bool) {
	params, ok, d := templateParamsFrom(ctx, state.Params)
	diags.Append(d...)
	tm, d := trigger.ModelFrom(ctx, state.Trigger)
	diags.Append(d...)
	if !ok || tm == nil || diags.HasError() {
		diags.AddError("Unexpected jpush_template_schedule state", "A pending create without params or trigger; remove it with terraform state rm.")
		return nil, nil, false
	}
	name := state.ScheduleName.ValueString()
	m, err := r.findCreated(ctx, name, tm, params, p.notedSet())
	if err != nil {
		conn.AddAPIError(diags, "Cannot look for the schedules of the lost template create "+name, fmt.Errorf(
			"%w\n\nAn earlier create got no answer from JPush; Terraform must list JPush's schedules to find what it "+
				"made before it creates anything. Try again", err))
		return nil, nil, false
	}
	if len(m.ambiguous) > 0 {
		addAmbiguous(diags, name, params, m)
		return nil, nil, false
	}
	return params, m, true
}

// settleLostCreate handles a create whose answer was lost: it looks for
// what the create made and takes it, or saves the resource as pending.
func (r *templateScheduleResource) settleLostCreate(ctx context.Context, plan *templateScheduleModel, params []templateParamModel, noted map[string]bool, createErr error, resp *resource.CreateResponse) {
	sctx, cancel := lifecycle.Detached(ctx) // the search must run even after Ctrl-C
	defer cancel()
	tm, _ := trigger.ModelFrom(ctx, plan.Trigger)
	name := plan.ScheduleName.ValueString()
	m, err := r.findCreated(sctx, name, tm, params, noted)
	switch {
	case err != nil:
		savePendingTemplate(ctx, plan, noted, createErr, "listing JPush's schedules to find them failed too ("+err.Error()+")", resp)
		return
	case len(m.ambiguous) > 0:
		addAmbiguous(&resp.Diagnostics, name, params, m)
		savePendingTemplate(ctx, plan, noted, createErr, "which of the schedules found are its own cannot be told", resp)
		return
	case m.found() == 0:
		savePendingTemplate(ctx, plan, noted, createErr, "none of them is in JPush's list yet", resp)
		return
	}
	var out createOutcome
	for i, id := range m.ids {
		if id == "" {
			out.failed = append(out.failed, paramFailure{i, lostCode, "JPush's answer was lost, and no schedule of this " +
				"param (same name, trigger, audience and options, made after the create was sent) is in JPush's list"})
			continue
		}
		out.okIdx, out.okIDs = append(out.okIdx, i), append(out.okIDs, id)
	}
	tflog.Warn(ctx, "the template create's answer was lost; found its schedules in the list", map[string]any{"ids": strings.Join(out.okIDs, ",")})
	resp.Diagnostics.AddWarning("JPush's answer to the template create was lost",
		fmt.Sprintf("Creating the template schedules %q got no answer from JPush (%s). Terraform found the schedules "+
			"the create made in JPush's list (same name, trigger, audience and options, made after it was sent): %s. "+
			"They are in the state; nothing was created twice.", name, createErr, strings.Join(out.okIDs, ", ")))
	r.finishCreate(ctx, plan, params, out, resp)
}
