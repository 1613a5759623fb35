package templateschedule

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

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
