package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*templateScheduleResource)(nil)
	_ resource.ResourceWithImportState    = (*templateScheduleResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*templateScheduleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*templateScheduleResource)(nil)
)

// templateImportKey is the private-state key marking a resource whose
// template_id and params come from an import and have not been adopted from
// the configuration yet. Its value is templateImportInfo as JSON.
const templateImportKey = "template_import"

type templateImportInfo struct {
	// Traces is true when the import id named the trace ids.
	Traces bool `json:"traces"`
}

// templateScheduleResource is jpush_template_schedule.
type templateScheduleResource struct {
	resourceBound
}

func newTemplateScheduleResource(zone *zoneHolder) resource.Resource {
	return &templateScheduleResource{resourceBound{providerBound{zone: zone}}}
}

func (r *templateScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_template_schedule"
}

func (r *templateScheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = templateScheduleSchema(r.zone)
}

// ValidateConfig checks JPush's template rules that need neither the zone
// nor the clock; the trigger times are checked in ModifyPlan.
func (r *templateScheduleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg templateScheduleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(triggerPointProblems(ctx, cfg.Trigger)...)
	resp.Diagnostics.Append(templateConfigProblems(ctx, cfg.Params)...)
}

func (r *templateScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := req.ID
	if importID == "" { // an import block's identity (resource_identity.go)
		if importID = r.templateImportIDFromIdentity(ctx, req.Identity, &resp.Diagnostics); importID == "" {
			return
		}
	}
	traces, ids, given, err := parseTemplateImportID(importID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q: %s. Import with the schedule ids, comma-separated, in the order of params "+
				"(\"id1,id2\"), or with trace_id=schedule_id pairs (\"req-001=id1,req-002=id2\").", importID, err))
		return
	}
	resp.Diagnostics.Append(r.setTemplateIdentity(ctx, resp.Identity, strings.Join(ids, ","), nil)...)
	params := make([]templateParamModel, len(ids))
	for i := range ids {
		params[i] = templateParamModel{TraceID: traces[i]}
	}
	list, diags := templateParamsList(ctx, params)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, a := range []struct {
		p path.Path
		v attr.Value
	}{
		{path.Root("id"), types.StringValue(strings.Join(ids, ","))},
		{templateIDPath, types.StringValue("")},
		{paramsPath, list},
		{path.Root("schedule_ids"), scheduleIDsMap(traces, ids)},
		{path.Root("expired"), types.BoolValue(false)},
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, a.p, a.v)...)
	}
	info, _ := json.Marshal(templateImportInfo{Traces: given})
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, templateImportKey, info)...)
}

// ModifyPlan checks the trigger against JPush's clock, decides between
// in-place update and replacement, and adopts the configuration after an
// import.
//
// Like jpush_schedule's, it reads only the attributes it needs; the whole
// plan and state are decoded only for an imported resource.
func (r *templateScheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pt, prior, ok := r.planStart(ctx, req, resp)
	if !ok {
		return
	}
	defer pt.warnReplacement(ctx, prior, resp)
	if prior.expired.ValueBool() {
		replaceExpiredOnEdit(ctx, "the template schedules have fired or ended", prior.id.ValueString(), req, resp,
			templateIDPath, path.Root("schedule_name"), path.Root("enabled"), triggerPath, paramsPath)
		return
	}

	raw, d := req.Private.GetKey(ctx, templateImportKey)
	resp.Diagnostics.Append(d...)
	if raw != nil {
		var plan, state templateScheduleModel
		resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		r.planImported(ctx, raw, &plan, &state, resp)
	} else {
		// template_id or params changed: replace.
		changed, d := changedAttributes(ctx, req.Plan, req.State, templateIDPath, paramsPath)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.RequiresReplace = append(resp.RequiresReplace, changed...)
	}
	if len(resp.RequiresReplace) == 0 {
		pt.checkUpdate(ctx, prior.trigger, &resp.Diagnostics)
		planDivergence(ctx, req, resp)
	} else if pt.tm != nil {
		// The replacement creates every schedule anew: check the trigger
		// as a new one now, rather than fail at apply after the delete.
		resp.Diagnostics.Append(pt.tm.checkTrigger(ctx, pt.loc, pt.clock, true, nil)...)
	}
}

// planImported plans an imported resource, whose state holds what JPush
// returned (audiences, options) but neither the template id nor the keys.
// A matching configuration plans no change (the imported values stay until
// the next in-place update adopts the configuration); a configuration that
// does not match the live schedules plans a replacement.
func (r *templateScheduleResource) planImported(ctx context.Context, raw []byte, plan, state *templateScheduleModel, resp *resource.ModifyPlanResponse) {
	var info templateImportInfo
	_ = json.Unmarshal(raw, &info)
	cfg, ok1, d1 := templateParamsFrom(ctx, plan.Params)
	st, ok2, d2 := templateParamsFrom(ctx, state.Params)
	resp.Diagnostics.Append(d1...)
	resp.Diagnostics.Append(d2...)
	match := ok1 && ok2 && len(cfg) == len(st)
	for i := 0; match && i < len(cfg); i++ {
		match = sameImportedParam(&cfg[i], &st[i], info.Traces)
	}
	if !match {
		tflog.Info(ctx, "the configured params do not match the imported schedules; planning a replacement", map[string]any{"id": state.ID.ValueString()})
		resp.RequiresReplace = append(resp.RequiresReplace, paramsPath)
		return
	}
	others := !plan.ScheduleName.Equal(state.ScheduleName) || !plan.Enabled.Equal(state.Enabled) || !plan.Trigger.Equal(state.Trigger)
	if !others {
		// Nothing to do in JPush: keep the imported values, so the plan is empty.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, templateIDPath, state.TemplateID)...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, paramsPath, state.Params)...)
		return
	}
	// An update happens anyway: adopt the configuration's template_id,
	// params and trace ids with it (no replacement).
	ids, ok := orderedScheduleIDs(st, state.ScheduleIDs)
	if !ok {
		return
	}
	traces := make([]string, len(cfg))
	for i := range cfg {
		traces[i] = cfg[i].TraceID
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("schedule_ids"), scheduleIDsMap(traces, ids))...)
}

// sameImportedParam compares a configured param with an imported one: the
// audience and options JPush returned, and the trace id when the import
// named it.
func sameImportedParam(cfg, imported *templateParamModel, traces bool) bool {
	if traces && cfg.TraceID != imported.TraceID {
		return false
	}
	aud, err := wireAudience(imported.Audience)
	if err != nil {
		return false
	}
	opts, err := wireOptions(imported.Options)
	if err != nil {
		return false
	}
	return sameParamTarget(cfg, syntheticPush(aud, opts))
}

func (r *templateScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	r.recordApp(ctx, resp.Private, &resp.Diagnostics) // app_record.go
	// Whatever path the create takes (a lost answer settled by what JPush
	// made included), the state it leaves gets its identity.
	defer func() {
		resp.Diagnostics.Append(r.keepOrSetTemplateIdentity(ctx, resp.Identity, stateID(ctx, &resp.State), resp.Private)...)
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
	// settled by what appeared since (see template_pending.go).
	noted, err := r.namedIDs(ctx, treq.ScheduleName)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Cannot create the JPush template schedule", fmt.Errorf(
			"%w\n\nBefore a template create Terraform lists JPush's schedules, so that it can find what the create "+
				"made should JPush's answer be lost. Nothing was created; apply again", err))
		return
	}
	res, err := r.client().CreateTemplateSchedule(ctx, treq)
	if err != nil {
		if _, maybe := client.CreateMayHaveSucceeded(err); maybe {
			r.settleLostCreate(ctx, &plan, params, noted, err, resp)
			return
		}
		addAPIError(&resp.Diagnostics, "Cannot create the JPush template schedule", err)
		return
	}
	r.finishCreate(ctx, &plan, params, outcomeOf(res, params), resp)
}

// templateRequest builds the create request of a plan; nil (with errors)
// when it cannot.
func (r *templateScheduleResource) templateRequest(ctx context.Context, plan *templateScheduleModel, diags *diag.Diagnostics) (*client.TemplateScheduleRequest, []templateParamModel) {
	trig := r.wireTrigger(ctx, plan.Trigger, diags)
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

// settleLostCreate handles a create whose answer was lost: it looks for
// what the create made and takes it, or saves the resource as pending.
func (r *templateScheduleResource) settleLostCreate(ctx context.Context, plan *templateScheduleModel, params []templateParamModel, noted map[string]bool, createErr error, resp *resource.CreateResponse) {
	sctx, cancel := detached(ctx) // the search must run even after Ctrl-C
	defer cancel()
	tm, _ := triggerModelFrom(ctx, plan.Trigger)
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

// disableOrDelete disables the schedules just created (JPush creates them
// enabled). When any disable fails, or the run is interrupted, a schedule
// the configuration says is disabled must not stay enabled, so it deletes
// all of them, on a context that survives the cancellation. ok is false
// then (with an error); left are the ids that could not be deleted.
func (r *templateScheduleResource) disableOrDelete(ctx context.Context, ids []string, diags *diag.Diagnostics) (left []string, ok bool) {
	c := r.client()
	f := false
	var notDisabled []string
	for _, id := range ids {
		if _, err := c.UpdateSchedule(ctx, id, &client.ScheduleUpdate{Enabled: &f}); err != nil {
			notDisabled = append(notDisabled, fmt.Sprintf("%s: %s", id, err))
		}
	}
	if len(notDisabled) == 0 {
		return ids, true
	}
	dctx, cancel := detached(ctx)
	defer cancel()
	var notDeleted []string
	for _, id := range ids {
		if err := c.DeleteSchedule(dctx, id); err != nil && !client.IsNotFound(err) {
			left, notDeleted = append(left, id), append(notDeleted, fmt.Sprintf("%s: %s", id, err))
		}
	}
	tflog.Warn(ctx, "could not disable the created template schedules; deleted them", map[string]any{"not_deleted": len(left)})
	detail := fmt.Sprintf("enabled = false, but JPush creates schedules enabled, and disabling %d of the %d schedules "+
		"just created failed:\n%s\n\n", len(notDisabled), len(ids), strings.Join(notDisabled, "\n"))
	if len(left) == 0 {
		detail += fmt.Sprintf("So that no schedule the configuration says is disabled can fire, the %d schedules were "+
			"deleted. Nothing is left in JPush; apply again to create them.", len(ids))
	} else {
		detail += fmt.Sprintf("They were to be deleted so that none fires, but deleting these failed too:\n%s\n\n"+
			"They may still be enabled and fire. They are kept in the state (tainted), so the next apply deletes "+
			"them; or delete them in the JPush console now.", strings.Join(notDeleted, "\n"))
	}
	diags.AddError("JPush schedules were created but could not be disabled", detail)
	return left, false
}

// scheduleFetch is one underlying schedule as Read found it.
type scheduleFetch struct {
	param templateParamModel
	id    string
	s     *client.Schedule // nil when JPush no longer returns it
	tm    *triggerModel    // s's own trigger
	ended bool             // s's own trigger can never fire again
}

func (r *templateScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.sameApp(ctx, req.Private, templateWhat(state.ID), &resp.Diagnostics) ||
		!r.checkCredentials(ctx, &resp.Diagnostics) {
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
	prior, diags := triggerModelFrom(ctx, state.Trigger)
	resp.Diagnostics.Append(diags...)
	fetched, ok := r.fetchAll(ctx, &state, prior, &resp.Diagnostics)
	if !ok {
		return
	}
	r.adoptAppOnce(ctx, fetched, resp) // app_record.go
	now := serverNow(r.client())
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
func (r *templateScheduleResource) fetchAll(ctx context.Context, state *templateScheduleModel, prior *triggerModel, diags *diag.Diagnostics) ([]scheduleFetch, bool) {
	params, ok, d := templateParamsFrom(ctx, state.Params)
	diags.Append(d...)
	ids, ok2 := orderedScheduleIDs(params, state.ScheduleIDs)
	if !ok || !ok2 {
		diags.AddError("Unexpected jpush_template_schedule state",
			"params and schedule_ids do not match; re-import the resource with its schedule ids.")
		return nil, false
	}
	loc, now := r.loc(), time.Time{}
	fetched := make([]scheduleFetch, len(ids))
	for i, id := range ids {
		fetched[i] = scheduleFetch{param: params[i], id: id}
		s, err := r.lookupUnlessEnded(ctx, id, prior)
		if err != nil || s == nil {
			if err != nil && !client.IsNotFound(err) {
				addAPIError(diags, "Cannot read the JPush schedule "+id, err)
				return nil, false
			}
			continue // gone: fired, or deleted (readGone tells which)
		}
		if now.IsZero() {
			now = serverNow(r.client())
		}
		tm := triggerModelFromClient(ctx, s.Trigger, prior, loc)
		if tm == nil {
			diags.AddError("Unexpected JPush schedule", "The schedule "+id+" has neither a single nor a periodical trigger.")
			return nil, false
		}
		fetched[i].s, fetched[i].tm, fetched[i].ended = s, tm, tm.hasEnded(loc, now)
	}
	return fetched, true
}

// readGone handles the schedules JPush no longer returns. It returns false
// when Read is done. Gone schedules whose trigger (the state's) has ended
// have fired; the resource is expired only when no schedule JPush still
// returns can fire any more: a live schedule (one an update did not reach,
// say) is never hidden behind expired = true.
func (r *templateScheduleResource) readGone(ctx context.Context, state *templateScheduleModel, prior *triggerModel, gone []string, liveRuns bool, now time.Time, resp *resource.ReadResponse) bool {
	loc := r.loc()
	fired := prior.hasEnded(loc, now)
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
func (r *templateScheduleResource) readLive(ctx context.Context, state *templateScheduleModel, prior *triggerModel, fetched []scheduleFetch, resp *resource.ReadResponse) {
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
		if next.ScheduleName.Equal(state.ScheduleName) && (!known(state.ScheduleName) || s.Name != state.ScheduleName.ValueString()) {
			next.ScheduleName = types.StringValue(s.Name)
		}
		if next.Enabled.Equal(state.Enabled) && (!known(state.Enabled) || s.Enabled != state.Enabled.ValueBool()) {
			next.Enabled = types.BoolValue(s.Enabled)
		}
		// A trigger equal to the prior one is the state's own value: no
		// need to encode it again (see scheduleResource.Read).
		obj := state.Trigger
		if !f.tm.equal(prior) {
			var d diag.Diagnostics
			obj, d = triggerObjectFrom(ctx, f.tm)
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
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan, state templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.sameApp(ctx, req.Private, templateWhat(state.ID), &resp.Diagnostics) {
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
			if _, err := r.client().UpdateSchedule(ctx, id, u); err != nil {
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
		want := r.wireTrigger(ctx, plan.Trigger, diags)
		if want == nil {
			return nil, false
		}
		if all || r.wireTriggerChanged(ctx, state.Trigger, want) {
			u.Trigger, send = want, true
		}
	}
	return u, send
}

func (r *templateScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.sameApp(ctx, req.Private, templateWhat(state.ID), &resp.Diagnostics) {
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
			forgetExpired(ctx, id)
		}
		return
	}
	var failed []string
	var leftTraces, leftIDs []string
	for i, id := range ids {
		err := r.client().DeleteSchedule(ctx, id)
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
		if s, ok := v.(types.String); ok && known(s) {
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
