package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

var (
	_ resource.ResourceWithConfigure      = (*templateScheduleResource)(nil)
	_ resource.ResourceWithImportState    = (*templateScheduleResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*templateScheduleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*templateScheduleResource)(nil)
)

// templateScheduleResource is jpush_template_schedule.
type templateScheduleResource struct {
	lifecycle.Base
}

// NewResource returns jpush_template_schedule; zone answers the provider's
// time zone to the plan modifiers before the provider is configured.
func NewResource(zone *conn.Zone) resource.Resource {
	return &templateScheduleResource{lifecycle.NewBase(zone, "jpush_template_schedule")}
}

func (r *templateScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template_schedule"
}

func (r *templateScheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = ResourceSchema(r.Zone)
}

func (r *templateScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	r.RecordApp(ctx, resp.Private, &resp.Diagnostics) // resource_app.go
	// Whatever path the create takes (a lost answer settled by what JPush
	// made included), the state it leaves gets its identity.
	defer func() {
		resp.Diagnostics.Append(r.keepOrSetTemplateIdentity(ctx, resp.Identity, lifecycle.StateID(ctx, &resp.State), resp.Private)...)
	}()
	var plan templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	treq, params := r.templateRequest(ctx, &plan, &resp.Diagnostics)
	if treq == nil {
		return
	}
	// What bears the name before the create, so that a lost answer can be
	// settled by what appeared since (see template_schedule_pending.go).
	noted, err := r.namedIDs(ctx, treq.ScheduleName)
	if err != nil {
		conn.AddAPIError(&resp.Diagnostics, "Cannot create the JPush template schedule", fmt.Errorf(
			"%w\n\nBefore a template create Terraform lists JPush's schedules, so that it can find what the create "+
				"made should JPush's answer be lost. Nothing was created; apply again", err))
		return
	}
	res, err := r.Client().CreateTemplateSchedule(ctx, treq)
	if err != nil {
		if _, maybe := client.CreateMayHaveSucceeded(err); maybe {
			r.settleLostCreate(ctx, &plan, params, noted, err, resp)
			return
		}
		conn.AddAPIError(&resp.Diagnostics, "Cannot create the JPush template schedule", err)
		return
	}
	r.finishCreate(ctx, &plan, params, outcomeOf(res, params), resp)
}

// templateRequest builds the create request of a plan; nil (with errors)
// when it cannot.
func (r *templateScheduleResource) templateRequest(ctx context.Context, plan *templateScheduleModel, diags *diag.Diagnostics) (*client.TemplateScheduleRequest, []templateParamModel) {
	trig := r.WireTrigger(ctx, plan.Trigger, diags)
	if trig == nil {
		return nil, nil
	}
	params, ok, d := templateParamsFrom(ctx, plan.Params)
	diags.Append(d...)
	if !ok {
		diags.AddAttributeError(paramsPath, "Invalid params", "params must be fully known at apply time.")
		return nil, nil
	}
	treq := &client.TemplateScheduleRequest{ID: plan.TemplateID.ValueString(), ScheduleName: plan.ScheduleName.ValueString(), Trigger: *trig}
	for i := range params {
		tp, err := params[i].toClient()
		if err != nil {
			diags.AddAttributeError(paramsPath.AtListIndex(i), "Invalid template param", err.Error())
			return nil, nil
		}
		treq.Params = append(treq.Params, tp)
	}
	if diags.HasError() {
		return nil, nil
	}
	return treq, params
}

// createOutcome is what a template create made, per param.
type createOutcome struct {
	okIdx  []int    // indexes of the params that got a schedule
	okIDs  []string // their schedule ids
	failed []paramFailure
}

type paramFailure struct {
	index   int
	code    int // -1: no result
	message string
}

// lostCode marks a param without a schedule after a lost answer.
const lostCode = -2

// outcomeOf reads JPush's answer: one item per param, by trace id (or by
// position for an item without one).
func outcomeOf(res *client.TemplateScheduleResult, params []templateParamModel) createOutcome {
	byTrace := map[string]*client.TemplateScheduleItem{}
	for i := range res.Items {
		if t := res.Items[i].TraceID; t != "" {
			byTrace[t] = &res.Items[i]
		}
	}
	var out createOutcome
	for i, p := range params {
		item := byTrace[p.TraceID]
		if item == nil && i < len(res.Items) && res.Items[i].TraceID == "" {
			item = &res.Items[i]
		}
		switch {
		case item == nil:
			out.failed = append(out.failed, paramFailure{i, -1, "JPush returned no result for this param"})
		case item.Code != 0 || item.ScheduleID == "":
			out.failed = append(out.failed, paramFailure{i, item.Code, item.Message})
		default:
			out.okIdx, out.okIDs = append(out.okIdx, i), append(out.okIDs, item.ScheduleID)
		}
	}
	return out
}

// finishCreate disables what was created when the configuration says so,
// records it in state, and reports the params that got no schedule.
func (r *templateScheduleResource) finishCreate(ctx context.Context, plan *templateScheduleModel, params []templateParamModel, out createOutcome, resp *resource.CreateResponse) {
	tflog.Info(ctx, "created JPush template schedules", map[string]any{"created": len(out.okIDs), "failed": len(out.failed)})
	if len(out.okIDs) > 0 && !plan.Enabled.ValueBool() {
		if left, ok := r.disableOrDelete(ctx, out.okIDs, &resp.Diagnostics); !ok {
			out = out.keepOnly(left)
			plan.Enabled = types.BoolValue(true) // not known to be disabled: the next plan says so
		}
	}
	var okParams []templateParamModel
	var okTraces []string
	for _, i := range out.okIdx {
		okParams, okTraces = append(okParams, params[i]), append(okTraces, params[i].TraceID)
	}
	if len(out.okIDs) > 0 {
		list, d := templateParamsList(ctx, okParams)
		resp.Diagnostics.Append(d...)
		plan.Params = list
		plan.ScheduleIDs = scheduleIDsMap(okTraces, out.okIDs)
		plan.ID = types.StringValue(strings.Join(out.okIDs, ","))
		plan.Expired = types.BoolValue(false)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	}
	for _, f := range out.failed {
		summary, code := "JPush rejected a template param", fmt.Sprintf("code %d", f.code)
		switch f.code {
		case -1:
			code = "no result"
		case lostCode:
			summary, code = "No JPush schedule for a template param", "not found"
		}
		kept := "No schedule was created."
		if len(out.okIDs) > 0 {
			kept = fmt.Sprintf("The %d schedule(s) created for the other params (%s) are kept in state, so the next "+
				"apply replaces them and a destroy deletes them.", len(out.okIDs), strings.Join(okTraces, ", "))
		}
		resp.Diagnostics.AddAttributeError(paramsPath.AtListIndex(f.index), summary,
			fmt.Sprintf("params[%d] (trace_id %q): %s: %s. %s", f.index, params[f.index].TraceID, code, f.message, kept))
	}
}

// keepOnly restricts the created schedules to ids.
func (o createOutcome) keepOnly(ids []string) createOutcome {
	keep := map[string]bool{}
	for _, id := range ids {
		keep[id] = true
	}
	out := createOutcome{failed: o.failed}
	for n, id := range o.okIDs {
		if keep[id] {
			out.okIdx, out.okIDs = append(out.okIdx, o.okIdx[n]), append(out.okIDs, id)
		}
	}
	return out
}

// scheduleFetch is one underlying schedule as Read found it.
type scheduleFetch struct {
	param templateParamModel
	id    string
	s     *client.Schedule // nil when JPush no longer returns it
	tm    *trigger.Model   // s's own trigger
	ended bool             // s's own trigger can never fire again
}

func (r *templateScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) ||
		!r.CheckCredentials(ctx, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(r.keepOrSetTemplateIdentity(ctx, resp.Identity, state.ID, req.Private)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if p := templatePendingOf(state.ID); p != nil {
		r.readPending(ctx, &state, p, resp)
		return
	}
	prior, diags := trigger.ModelFrom(ctx, state.Trigger)
	resp.Diagnostics.Append(diags...)
	fetched, ok := r.fetchAll(ctx, &state, prior, &resp.Diagnostics)
	if !ok {
		return
	}
	r.adoptAppOnce(ctx, fetched, resp) // resource_app.go
	now := conn.ServerNow(r.Client())
	var gone []string
	liveRuns := false // some schedule JPush returns can still fire
	for _, f := range fetched {
		switch {
		case f.s == nil:
			gone = append(gone, fmt.Sprintf("%s (trace_id %q)", f.id, f.param.TraceID))
		case !f.ended:
			liveRuns = true
		}
	}
	if len(gone) > 0 && !r.readGone(ctx, &state, prior, gone, liveRuns, now, resp) {
		return
	}
	r.readLive(ctx, &state, prior, fetched, resp)
}

// fetchAll looks up every underlying schedule of the state.
func (r *templateScheduleResource) fetchAll(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, diags *diag.Diagnostics) ([]scheduleFetch, bool) {
	params, ok, d := templateParamsFrom(ctx, state.Params)
	diags.Append(d...)
	ids, ok2 := orderedScheduleIDs(params, state.ScheduleIDs)
	if !ok || !ok2 {
		diags.AddError("Unexpected jpush_template_schedule state",
			"params and schedule_ids do not match; re-import the resource with its schedule ids.")
		return nil, false
	}
	loc, now := r.Loc(), time.Time{}
	fetched := make([]scheduleFetch, len(ids))
	for i, id := range ids {
		fetched[i] = scheduleFetch{param: params[i], id: id}
		s, err := r.LookupUnlessEnded(ctx, id, prior)
		if err != nil || s == nil {
			if err != nil && !client.IsNotFound(err) {
				conn.AddAPIError(diags, "Cannot read the JPush schedule "+id, err)
				return nil, false
			}
			continue // gone: fired, or deleted (readGone tells which)
		}
		if now.IsZero() {
			now = conn.ServerNow(r.Client())
		}
		tm := trigger.ModelFromClient(ctx, s.Trigger, prior, loc)
		if tm == nil {
			diags.AddError("Unexpected JPush schedule", "The schedule "+id+" has neither a single nor a periodical trigger.")
			return nil, false
		}
		fetched[i].s, fetched[i].tm, fetched[i].ended = s, tm, tm.HasEnded(loc, now)
	}
	return fetched, true
}

// readGone handles the schedules JPush no longer returns. It returns false
// when Read is done. Gone schedules whose trigger (the state's) has ended
// have fired; the resource is expired only when no schedule JPush still
// returns can fire any more: a live schedule (one an update did not reach,
// say) is never hidden behind expired = true.
func (r *templateScheduleResource) readGone(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, gone []string, liveRuns bool, now time.Time, resp *resource.ReadResponse) bool {
	loc := r.Loc()
	fired := prior.HasEnded(loc, now)
	switch {
	case fired && !liveRuns:
		if !state.Expired.ValueBool() {
			tflog.Info(ctx, "JPush no longer returns the template schedules because they have fired or ended; keeping them in state as expired",
				map[string]any{"id": state.ID.ValueString(), "server_time": now.Format(time.RFC3339)})
		}
		state.Expired = types.BoolValue(true)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
		return false
	case fired:
		resp.Diagnostics.AddWarning("Some JPush template schedules have fired while others are still live",
			fmt.Sprintf("The schedules %s have fired or ended (JPush time %s), but others of this resource are still live "+
				"with another trigger (an earlier update did not reach them, or they were changed outside Terraform); "+
				"they are shown in the state as they are in JPush. The fired ones were removed from the state, so the "+
				"next apply replaces the resource: it deletes the live schedules and creates every param again, which "+
				"pushes again to the params that have fired. To avoid that, remove the fired params from the "+
				"configuration, or destroy the resource.", strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
		return true
	case len(gone) == len(state.ScheduleIDs.Elements()):
		if prior != nil {
			resp.Diagnostics.AddWarning("JPush template schedules deleted outside Terraform",
				fmt.Sprintf("None of the schedules %s exists in JPush any more although they have not fired or ended "+
					"(JPush time %s). The resource was removed from the state; it will be re-created on the next apply.",
					strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
		}
		resp.State.RemoveResource(ctx)
		return false
	}
	resp.Diagnostics.AddWarning("Some JPush template schedules were deleted outside Terraform",
		fmt.Sprintf("The schedules %s no longer exist in JPush although they have not fired or ended (JPush time %s). "+
			"Their params were removed from the state, so the next apply replaces the resource (deleting the "+
			"remaining schedules and creating all of them again).", strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
	return true
}

// readLive records the schedules JPush returns.
func (r *templateScheduleResource) readLive(ctx context.Context, state *templateScheduleModel, prior *trigger.Model, fetched []scheduleFetch, resp *resource.ReadResponse) {
	next := *state
	var keptParams []templateParamModel
	var keptTraces, keptIDs []string
	var trigObj types.Object
	expired := true
	for _, f := range fetched {
		if f.s == nil {
			continue
		}
		s := f.s
		// The first schedule that differs from the state sets the value, so
		// any divergence (out-of-band change, partly failed update) shows
		// as a diff that the next apply sends to every schedule.
		if next.ScheduleName.Equal(state.ScheduleName) && (!framework.Known(state.ScheduleName) || s.Name != state.ScheduleName.ValueString()) {
			next.ScheduleName = types.StringValue(s.Name)
		}
		if next.Enabled.Equal(state.Enabled) && (!framework.Known(state.Enabled) || s.Enabled != state.Enabled.ValueBool()) {
			next.Enabled = types.BoolValue(s.Enabled)
		}
		// A trigger equal to the prior one is the state's own value: no
		// need to encode it again (see scheduleResource.Read).
		obj := state.Trigger
		if !f.tm.Equal(prior) {
			var d diag.Diagnostics
			obj, d = trigger.ObjectFrom(ctx, f.tm)
			resp.Diagnostics.Append(d...)
		}
		if trigObj.IsNull() || trigObj.Equal(state.Trigger) {
			trigObj = obj
		}
		// Expired only when every schedule has ended by its own trigger.
		expired = expired && f.ended
		p, err := readParam(f.param, s.Push)
		if err != nil {
			resp.Diagnostics.AddError("Unexpected push from JPush", fmt.Sprintf("schedule %s: %s", f.id, err))
			return
		}
		keptParams = append(keptParams, p)
		keptTraces = append(keptTraces, p.TraceID)
		keptIDs = append(keptIDs, f.id)
	}
	next.Trigger = trigObj
	list, d := templateParamsList(ctx, keptParams)
	resp.Diagnostics.Append(d...)
	next.Params = list
	next.ScheduleIDs = scheduleIDsMap(keptTraces, keptIDs)
	next.ID = types.StringValue(strings.Join(keptIDs, ","))
	if next.TemplateID.IsNull() {
		next.TemplateID = types.StringValue("")
	}
	next.Expired = types.BoolValue(expired)
	resp.Diagnostics.Append(setDivergence(ctx, resp.Private, divergence(fetched))...)
	if resp.Diagnostics.HasError() {
		return
	}
	if next.equal(state) {
		// Short cut: nothing changed, and resp.State already holds the
		// prior state (the framework fills it in); setting next would only
		// encode the same values again.
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

// readParam is a state param as JPush holds it: imported (nothing known
// yet) or changed outside Terraform, it takes JPush's audience and options
// (a change plans a replacement).
func readParam(p templateParamModel, push json.RawMessage) (templateParamModel, error) {
	if p.Audience != nil && sameAudience(&p, push) {
		return p, nil
	}
	rp, err := paramFromServer(p.TraceID, push)
	if err != nil {
		return p, err
	}
	if p.Audience == nil {
		p.Options = rp.Options
	}
	p.Audience = rp.Audience
	return p, nil
}

func (r *templateScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var plan, state templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	stParams, _, diags := templateParamsFrom(ctx, state.Params)
	resp.Diagnostics.Append(diags...)
	ids, ok := orderedScheduleIDs(stParams, state.ScheduleIDs)
	if !ok {
		resp.Diagnostics.AddError("Unexpected jpush_template_schedule state", "params and schedule_ids do not match.")
		return
	}
	diverged, d := getDivergence(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	u, send := r.updateBody(ctx, &plan, &state, len(diverged) > 0, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var failed, updated []string
	if send {
		for i, id := range ids {
			if _, err := r.Client().UpdateSchedule(ctx, id, u); err != nil {
				failed = append(failed, fmt.Sprintf("%s (trace_id %q): %s", id, stParams[i].TraceID, err))
			} else {
				updated = append(updated, id)
			}
		}
	}
	plan.ID = state.ID
	plan.Expired = types.BoolValue(false)
	resp.Diagnostics.Append(r.keepOrSetTemplateIdentity(ctx, resp.Identity, plan.ID, req.Private)...)
	if plan.ScheduleIDs.IsUnknown() {
		plan.ScheduleIDs = state.ScheduleIDs
	}
	// The planned values are recorded even when some PUTs failed, with the
	// divergence in private state: the schedules now disagree, and the next
	// plan (refreshed or not) updates them all again.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, templateImportKey, nil)...)
	var div []string
	if len(failed) > 0 {
		div = append([]string{"updated: " + strings.Join(updated, ", ")}, "not updated: "+strings.Join(failed, "; "))
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot update %d of %d JPush schedules", len(failed), len(ids)),
			strings.Join(failed, "\n")+"\n\nThe other schedules were updated, so the schedules now disagree. The next "+
				"plan updates them all again; apply again to retry.")
	}
	resp.Diagnostics.Append(setDivergence(ctx, resp.Private, div)...)
}

// updateBody is the PUT an update sends to every schedule: the attributes
// that changed, or all three when the schedules disagree.
func (r *templateScheduleResource) updateBody(ctx context.Context, plan, state *templateScheduleModel, all bool, diags *diag.Diagnostics) (*client.ScheduleUpdate, bool) {
	u := &client.ScheduleUpdate{}
	send := false
	if all || !plan.ScheduleName.Equal(state.ScheduleName) {
		n := plan.ScheduleName.ValueString()
		u.Name, send = &n, true
	}
	if all || !plan.Enabled.Equal(state.Enabled) {
		e := plan.Enabled.ValueBool()
		u.Enabled, send = &e, true
	}
	if all || !plan.Trigger.Equal(state.Trigger) {
		want := r.WireTrigger(ctx, plan.Trigger, diags)
		if want == nil {
			return nil, false
		}
		if all || r.WireTriggerChanged(ctx, state.Trigger, want) {
			u.Trigger, send = want, true
		}
	}
	return u, send
}

func (r *templateScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) {
		return
	}
	if p := templatePendingOf(state.ID); p != nil {
		r.deletePending(ctx, &state, p, &resp.Diagnostics)
		return
	}
	traces, ids := stateScheduleIDs(state.ScheduleIDs)
	if state.Expired.ValueBool() {
		// Every schedule has ended by its own trigger (readLive, readGone).
		for _, id := range ids {
			lifecycle.ForgetExpired(ctx, id)
		}
		return
	}
	var failed []string
	var leftTraces, leftIDs []string
	for i, id := range ids {
		err := r.Client().DeleteSchedule(ctx, id)
		switch {
		case err == nil, client.IsNotFound(err):
		default:
			failed = append(failed, fmt.Sprintf("%s: %s", id, err))
			leftTraces, leftIDs = append(leftTraces, traces[i]), append(leftIDs, id)
		}
	}
	if len(failed) == 0 {
		return
	}
	// Keep exactly the schedules still in JPush, so the state neither
	// forgets a live one nor lists one already deleted.
	r.keepOnlyIDs(ctx, &state, leftTraces, leftIDs, resp)
	resp.Diagnostics.AddError(fmt.Sprintf("Cannot delete %d of %d JPush schedules", len(failed), len(ids)),
		strings.Join(failed, "\n")+"\n\nThe schedules not deleted stay in the state; destroy again to retry.")
}

// stateScheduleIDs lists schedule_ids as trace ids and schedule ids,
// ordered by schedule id.
func stateScheduleIDs(m types.Map) (traces, ids []string) {
	byID := map[string]string{}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok && framework.Known(s) {
			byID[s.ValueString()] = k
			ids = append(ids, s.ValueString())
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		traces = append(traces, byID[id])
	}
	return traces, ids
}

// keepOnlyIDs sets the state of a failed Delete to the schedules left.
func (r *templateScheduleResource) keepOnlyIDs(ctx context.Context, state *templateScheduleModel, traces, ids []string, resp *resource.DeleteResponse) {
	params, ok, _ := templateParamsFrom(ctx, state.Params)
	if !ok {
		return // keep the whole prior state
	}
	keep := map[string]bool{}
	for _, t := range traces {
		keep[t] = true
	}
	var kept []templateParamModel
	var keptTraces, keptIDs []string
	for _, p := range params {
		if keep[p.TraceID] {
			kept = append(kept, p)
		}
	}
	if len(kept) != len(ids) {
		return // ids keyed otherwise (a plain-id import): keep the whole prior state
	}
	for _, p := range kept {
		for n, t := range traces {
			if t == p.TraceID {
				keptTraces, keptIDs = append(keptTraces, t), append(keptIDs, ids[n])
			}
		}
	}
	list, d := templateParamsList(ctx, kept)
	resp.Diagnostics.Append(d...)
	state.Params = list
	state.ScheduleIDs = scheduleIDsMap(keptTraces, keptIDs)
	state.ID = types.StringValue(strings.Join(keptIDs, ","))
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
