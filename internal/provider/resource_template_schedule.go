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
	traces, ids, given, err := parseTemplateImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q: %s. Import with the schedule ids, comma-separated, in the order of params "+
				"(\"id1,id2\"), or with trace_id=schedule_id pairs (\"req-001=id1,req-002=id2\").", req.ID, err))
		return
	}
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
	var plan templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	trig := r.wireTrigger(ctx, plan.Trigger, &resp.Diagnostics)
	if trig == nil {
		return
	}
	params, ok, diags := templateParamsFrom(ctx, plan.Params)
	resp.Diagnostics.Append(diags...)
	if !ok {
		resp.Diagnostics.AddAttributeError(paramsPath, "Invalid params", "params must be fully known at apply time.")
		return
	}
	treq := &client.TemplateScheduleRequest{ID: plan.TemplateID.ValueString(), ScheduleName: plan.ScheduleName.ValueString(), Trigger: *trig}
	for i := range params {
		tp, perr := params[i].toClient()
		if perr != nil {
			resp.Diagnostics.AddAttributeError(paramsPath.AtListIndex(i), "Invalid template param", perr.Error())
			return
		}
		treq.Params = append(treq.Params, tp)
	}
	if resp.Diagnostics.HasError() {
		return
	}

	res, err := r.client().CreateTemplateSchedule(ctx, treq)
	if err != nil {
		if _, maybe := client.CreateMayHaveSucceeded(err); maybe {
			// No CID: the create is not retried, and its result is unknown.
			name := treq.ScheduleName
			err = fmt.Errorf("%w\n\nJPush gave no definite answer, so it may have created the schedules anyway "+
				"(one per param, each named %q), which Terraform does not manage. A template create has no "+
				"idempotency key, so it was not retried. Before applying again, look for schedules named %q with "+
				"the jpush_schedules data source (data \"jpush_schedules\" \"check\" { name = %q }) or in the JPush "+
				"console, and delete them, or import them (terraform import with their ids) to keep them", err, name, name, name)
		}
		addAPIError(&resp.Diagnostics, "Cannot create the JPush template schedule", err)
		return
	}
	byTrace := map[string]*client.TemplateScheduleItem{}
	for i := range res.Items {
		if t := res.Items[i].TraceID; t != "" {
			byTrace[t] = &res.Items[i]
		}
	}
	type failure struct {
		index   int
		trace   string
		code    int
		message string
	}
	var okParams []templateParamModel
	var okTraces, okIDs []string
	var failed []failure
	for i, p := range params {
		item := byTrace[p.TraceID]
		if item == nil && i < len(res.Items) && res.Items[i].TraceID == "" {
			item = &res.Items[i]
		}
		switch {
		case item == nil:
			failed = append(failed, failure{i, p.TraceID, -1, "JPush returned no result for this param"})
		case item.Code != 0 || item.ScheduleID == "":
			failed = append(failed, failure{i, p.TraceID, item.Code, item.Message})
		default:
			okParams = append(okParams, p)
			okTraces = append(okTraces, p.TraceID)
			okIDs = append(okIDs, item.ScheduleID)
		}
	}
	tflog.Info(ctx, "created JPush template schedules", map[string]any{"created": len(okIDs), "failed": len(failed)})

	if len(okIDs) > 0 {
		if !plan.Enabled.ValueBool() {
			f := false
			var notDisabled []string
			for _, id := range okIDs {
				if _, err := r.client().UpdateSchedule(ctx, id, &client.ScheduleUpdate{Enabled: &f}); err != nil {
					notDisabled = append(notDisabled, id+": "+err.Error())
				}
			}
			if len(notDisabled) > 0 {
				plan.Enabled = types.BoolValue(true) // the next plan disables them again
				resp.Diagnostics.AddError("Some JPush schedules were created but could not be disabled",
					strings.Join(notDisabled, "\n"))
			}
		}
		list, d := templateParamsList(ctx, okParams)
		resp.Diagnostics.Append(d...)
		plan.Params = list
		plan.ScheduleIDs = scheduleIDsMap(okTraces, okIDs)
		plan.ID = types.StringValue(strings.Join(okIDs, ","))
		plan.Expired = types.BoolValue(false)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	for _, f := range failed {
		code := fmt.Sprintf("code %d", f.code)
		if f.code < 0 {
			code = "no result"
		}
		kept := "No schedule was created."
		if len(okIDs) > 0 {
			kept = fmt.Sprintf("The %d schedule(s) created for the other params (%s) are kept in state, so the next "+
				"apply replaces them and a destroy deletes them.", len(okIDs), strings.Join(okTraces, ", "))
		}
		resp.Diagnostics.AddAttributeError(paramsPath.AtListIndex(f.index), "JPush rejected a template param",
			fmt.Sprintf("params[%d] (trace_id %q): %s: %s. %s", f.index, f.trace, code, f.message, kept))
	}
}

// scheduleFetch is one underlying schedule as Read found it.
type scheduleFetch struct {
	param templateParamModel
	id    string
	s     *client.Schedule // nil when JPush no longer returns it
}

func (r *templateScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	loc := r.loc()
	prior, diags := triggerModelFrom(ctx, state.Trigger)
	resp.Diagnostics.Append(diags...)
	params, ok, diags := templateParamsFrom(ctx, state.Params)
	resp.Diagnostics.Append(diags...)
	ids, ok2 := orderedScheduleIDs(params, state.ScheduleIDs)
	if !ok || !ok2 {
		resp.Diagnostics.AddError("Unexpected jpush_template_schedule state",
			"params and schedule_ids do not match; re-import the resource with its schedule ids.")
		return
	}

	fetched := make([]scheduleFetch, len(ids))
	var gone []string
	for i, id := range ids {
		fetched[i] = scheduleFetch{param: params[i], id: id}
		s, err := r.client().LookupSchedule(ctx, id)
		if err != nil {
			if !client.IsNotFound(err) {
				addAPIError(&resp.Diagnostics, "Cannot read the JPush schedule "+id, err)
				return
			}
			gone = append(gone, fmt.Sprintf("%s (trace_id %q)", id, params[i].TraceID))
			continue
		}
		fetched[i].s = s
	}
	now := serverNow(r.client())

	if len(gone) > 0 {
		if prior.hasEnded(loc, now) {
			if !state.Expired.ValueBool() {
				tflog.Info(ctx, "JPush no longer returns the template schedules because they have fired or ended; keeping them in state as expired",
					map[string]any{"id": state.ID.ValueString(), "server_time": now.Format(time.RFC3339)})
			}
			state.Expired = types.BoolValue(true)
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		if len(gone) == len(ids) {
			if prior != nil {
				resp.Diagnostics.AddWarning("JPush template schedules deleted outside Terraform",
					fmt.Sprintf("None of the schedules %s exists in JPush any more although they have not fired or ended "+
						"(JPush time %s). The resource was removed from the state; it will be re-created on the next apply.",
						strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
			}
			resp.State.RemoveResource(ctx)
			return
		}
		resp.Diagnostics.AddWarning("Some JPush template schedules were deleted outside Terraform",
			fmt.Sprintf("The schedules %s no longer exist in JPush although they have not fired or ended (JPush time %s). "+
				"Their params were removed from the state, so the next apply replaces the resource (deleting the "+
				"remaining schedules and creating all of them again).", strings.Join(gone, ", "), client.FormatWireTime(now, loc)))
	}

	next := state
	var keptParams []templateParamModel
	var keptTraces, keptIDs []string
	var trigObj types.Object
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
		tm := triggerModelFromClient(ctx, s.Trigger, prior, loc)
		if tm == nil {
			resp.Diagnostics.AddError("Unexpected JPush schedule", "The schedule "+f.id+" has neither a single nor a periodical trigger.")
			return
		}
		// A trigger equal to the prior one is the state's own value: no
		// need to encode it again (see scheduleResource.Read).
		obj := state.Trigger
		if !tm.equal(prior) {
			var d diag.Diagnostics
			obj, d = triggerObjectFrom(ctx, tm)
			resp.Diagnostics.Append(d...)
		}
		if trigObj.IsNull() || trigObj.Equal(state.Trigger) {
			trigObj = obj
		}
		p := f.param
		if p.Audience == nil || !sameAudience(&p, s.Push) {
			// Imported (nothing known yet) or changed outside Terraform:
			// take JPush's audience and options (a change plans a replacement).
			rp, err := paramFromServer(p.TraceID, s.Push)
			if err != nil {
				resp.Diagnostics.AddError("Unexpected push from JPush", fmt.Sprintf("schedule %s: %s", f.id, err))
				return
			}
			if p.Audience == nil {
				p.Options = rp.Options
			}
			p.Audience = rp.Audience
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
	tm, d := triggerModelFrom(ctx, next.Trigger)
	resp.Diagnostics.Append(d...)
	next.Expired = types.BoolValue(tm.hasEnded(loc, now))
	if resp.Diagnostics.HasError() {
		return
	}
	if next.equal(&state) {
		// Short cut: nothing changed, and resp.State already holds the
		// prior state (the framework fills it in); setting next would only
		// encode the same values again.
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
}

func (r *templateScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var plan, state templateScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	stParams, _, diags := templateParamsFrom(ctx, state.Params)
	resp.Diagnostics.Append(diags...)
	ids, ok := orderedScheduleIDs(stParams, state.ScheduleIDs)
	if !ok {
		resp.Diagnostics.AddError("Unexpected jpush_template_schedule state", "params and schedule_ids do not match.")
		return
	}
	u := &client.ScheduleUpdate{}
	send := false
	if !plan.ScheduleName.Equal(state.ScheduleName) {
		n := plan.ScheduleName.ValueString()
		u.Name, send = &n, true
	}
	if !plan.Enabled.Equal(state.Enabled) {
		e := plan.Enabled.ValueBool()
		u.Enabled, send = &e, true
	}
	if !plan.Trigger.Equal(state.Trigger) {
		want := r.wireTrigger(ctx, plan.Trigger, &resp.Diagnostics)
		if want == nil {
			return
		}
		if r.wireTriggerChanged(ctx, state.Trigger, want) {
			u.Trigger, send = want, true
		}
	}
	var failed []string
	if send {
		for _, id := range ids {
			if _, err := r.client().UpdateSchedule(ctx, id, u); err != nil {
				failed = append(failed, fmt.Sprintf("%s: %s", id, err))
			}
		}
	}
	plan.ID = state.ID
	plan.Expired = types.BoolValue(false)
	if plan.ScheduleIDs.IsUnknown() {
		plan.ScheduleIDs = state.ScheduleIDs
	}
	// The planned values are recorded even when some PUTs failed: Read
	// then finds the schedules that still differ and plans the update again.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, templateImportKey, nil)...)
	if len(failed) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot update %d of %d JPush schedules", len(failed), len(ids)),
			strings.Join(failed, "\n")+"\n\nThe next plan shows the remaining difference; apply again to retry.")
	}
}

func (r *templateScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if !r.configured(&resp.Diagnostics) {
		return
	}
	var state templateScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var ids []string
	for _, v := range state.ScheduleIDs.Elements() {
		if s, ok := v.(types.String); ok && known(s) {
			ids = append(ids, s.ValueString())
		}
	}
	sort.Strings(ids)
	var failed []string
	for _, id := range ids {
		err := r.client().DeleteSchedule(ctx, id)
		switch {
		case err == nil, client.IsNotFound(err):
		case state.Expired.ValueBool() && client.IsValidation(err):
			tflog.Info(ctx, "JPush refused to delete an expired schedule; forgetting it", map[string]any{"id": id, "error": err.Error()})
		default:
			failed = append(failed, fmt.Sprintf("%s: %s", id, err))
		}
	}
	if len(failed) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("Cannot delete %d of %d JPush schedules", len(failed), len(ids)),
			strings.Join(failed, "\n")+"\n\nThe resource stays in state; destroy again to retry (schedules already deleted are skipped).")
	}
}
