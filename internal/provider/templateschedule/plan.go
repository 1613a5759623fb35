package templateschedule

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ModifyPlan checks the trigger against JPush's clock, decides between
// in-place update and replacement, and adopts the configuration after an
// import.
//
// Like jpush_schedule's, it reads only the attributes it needs; the whole
// plan and state are decoded only for an imported resource.
func (r *templateScheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pt, prior, ok := r.PlanStart(ctx, req, resp)
	if !ok {
		return
	}
	defer pt.WarnReplacement(ctx, prior, resp)
	if prior.Expired.ValueBool() {
		lifecycle.ReplaceExpiredOnEdit(ctx, "the template schedules have fired or ended", prior.ID.ValueString(), req, resp,
			templateIDPath, path.Root("schedule_name"), path.Root("enabled"), trigger.Path, paramsPath)
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
		changed, d := lifecycle.ChangedAttributes(ctx, req.Plan, req.State, templateIDPath, paramsPath)
		resp.Diagnostics.Append(d...)
		if resp.Diagnostics.HasError() {
			return
		}
		resp.RequiresReplace = append(resp.RequiresReplace, changed...)
	}
	if len(resp.RequiresReplace) == 0 {
		pt.CheckUpdate(ctx, prior.Trigger, &resp.Diagnostics)
		planDivergence(ctx, req, resp)
	} else if pt.Tm != nil {
		// The replacement creates every schedule anew: check the trigger
		// as a new one now, rather than fail at apply after the delete.
		resp.Diagnostics.Append(pt.Tm.Check(ctx, pt.Loc, pt.Clock, true, nil)...)
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
