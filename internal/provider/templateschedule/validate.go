package templateschedule

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ValidateConfig checks JPush's template rules that need neither the zone
// nor the clock; the trigger times are checked in ModifyPlan.
func (r *templateScheduleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg templateScheduleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(trigger.PointProblems(ctx, cfg.Trigger)...)
	resp.Diagnostics.Append(templateConfigProblems(ctx, cfg.Params)...)
}

// templateConfigProblems checks JPush's template rules (development/jpush-api.md §5.8)
// on the params, element by element; unknown elements are skipped.
func templateConfigProblems(ctx context.Context, params types.List) diag.Diagnostics {
	var diags diag.Diagnostics
	if params.IsNull() || params.IsUnknown() {
		return diags
	}
	elems := params.Elements()
	traces := map[string]int{}
	firstGroup, firstIdx := "", -1
	regs, aliases := 0, 0
	for i, e := range elems {
		p := paramsPath.AtListIndex(i)
		m, d := templateParamFrom(ctx, e)
		diags.Append(d...)
		if m == nil {
			continue
		}
		if j, dup := traces[m.TraceID]; dup {
			diags.AddAttributeError(p.AtName("trace_id"), "Duplicate trace_id",
				fmt.Sprintf("%s: %q is already the trace_id of params[%d]; trace ids must be unique.", p.AtName("trace_id"), m.TraceID, j))
		} else {
			traces[m.TraceID] = i
		}
		a := m.Audience
		if a == nil {
			continue
		}
		ap := p.AtName("audience")
		// The per-audience rules of jpush_schedule (broadcast alone, not empty, live_activity_id alone),
		// checked on a push of the param's audience with a placeholder alert of its own.
		alert := "x"
		probe := &push.Model{Audience: a, Notification: &push.NotificationModel{Alert: &alert}}
		bad := false
		for _, pr := range probe.Problems() {
			diags.AddAttributeError(push.AtNames(p, pr.Path...), pr.Summary, push.AtNames(p, pr.Path...).String()+": "+pr.Detail)
			bad = true
		}
		if bad {
			continue
		}
		g, mixed := a.TemplateGroup()
		if len(mixed) > 0 {
			diags.AddAttributeError(ap, "Mixed audience kinds in a template param",
				fmt.Sprintf("%s combines %s; a template param uses one audience kind (only tag, tag_and and tag_not may be combined).",
					ap, strings.Join(mixed, " and ")))
			continue
		}
		regs += len(a.RegistrationID)
		aliases += len(a.Alias)
		if firstIdx < 0 {
			firstGroup, firstIdx = g, i
		} else if g != firstGroup {
			diags.AddAttributeError(ap, "Mixed audience kinds across template params",
				fmt.Sprintf("%s uses %s but params[%d] uses %s; every param of a template schedule must use the same audience kind.",
					ap, g, firstIdx, firstGroup))
		}
	}
	if firstIdx >= 0 && len(elems) > 1 {
		switch firstGroup {
		case "all", "tag", "segment":
			what := map[string]string{"all": "A broadcast (all = true)", "tag": "A tag audience", "segment": "A segment audience"}[firstGroup]
			diags.AddAttributeError(paramsPath, "Too many template params for this audience",
				fmt.Sprintf("params: %s allows exactly one param, got %d.", what, len(elems)))
		}
	}
	if regs > 1000 {
		diags.AddAttributeError(paramsPath, "Too many registration ids",
			fmt.Sprintf("params: %d registration_id values over all params; JPush allows at most 1000 in total (use a file push beyond that).", regs))
	}
	if aliases > 1000 {
		diags.AddAttributeError(paramsPath, "Too many aliases",
			fmt.Sprintf("params: %d alias values over all params; JPush allows at most 1000 in total.", aliases))
	}
	return diags
}
