package templateschedule

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

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
	r.RecordApp(ctx, resp.Private, &resp.Diagnostics) // lifecycle/app.go
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
	// settled by what appeared since (see pending.go).
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

type paramFailure struct {
	index   int
	code    int // -1: no result
	message string
}

// lostCode marks a param without a schedule after a lost answer.
const lostCode = -2

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
	// The identity first, as jpush_schedule's Read: a read that stops at
	// the credentials check without an error of its own (the check reports
	// once per run) must still return one.
	resp.Diagnostics.Append(r.keepOrSetTemplateIdentity(ctx, resp.Identity, state.ID, req.Private)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) ||
		!r.CheckCredentials(ctx, &resp.Diagnostics) {
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
	r.adoptAppOnce(ctx, fetched, resp) // lifecycle/app.go
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

func (r *templateScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.Configured(&resp.Diagnostics) {
		return
	}
	var plan, state templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.SameApp(ctx, req.Private, state.ID.ValueString(), &resp.Diagnostics) ||
		r.RefuseSpentEdit(ctx, state.Expired, state.ID.ValueString(), plan.Trigger, &resp.Diagnostics) {
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
