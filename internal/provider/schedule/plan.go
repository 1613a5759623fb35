package schedule

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ModifyPlan checks what depends on the zone and JPush's clock, and turns
// any change to an expired schedule into a replacement.
//
// It reads only the attributes it needs (GetAttribute), not the whole plan
// and state: decoding both models converted the typed push, about a hundred
// nested attributes, twice for nothing (a tenth of the plan's cost).
func (r *scheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	twins := func(replacing []string) { r.warnTwins(ctx, req, resp, replacing) }
	r.PlanAround(ctx, req, resp, twins, func(pt lifecycle.PlannedTrigger, prior lifecycle.PriorState) {
		if pendingCreateOf(prior.ID) != nil {
			// Saved by an ambiguous create but no longer tainted (terraform
			// untaint): replace it all the same, so that Delete resolves it.
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
			return
		}
		if prior.Expired.ValueBool() {
			pt.ReplaceExpiredOnEdit(ctx, prior, req, resp,
				path.Root("name"), path.Root("enabled"), trigger.Path, path.Root("push"), path.Root("push_json"))
			return
		}
		pt.CheckUpdate(ctx, prior.Trigger, &resp.Diagnostics)
	})
}

// warnTwins warns when JPush already holds, outside what this run manages,
// a schedule identical to the one this plan creates (see lifecycle's
// Twins); replacing are the ids of the schedule being replaced.
func (r *scheduleResource) warnTwins(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, replacing []string) {
	if resp.Diagnostics.HasError() {
		return
	}
	var m scheduleModel
	if d := req.Plan.Get(ctx, &m); d.HasError() || m.Name.IsUnknown() || m.PushJSON.IsUnknown() ||
		!push.FullyKnown(ctx, m.Trigger) || !push.FullyKnown(ctx, m.Push) {
		return // not known before the apply: nothing to compare
	}
	want, d := r.wireSchedule(ctx, &m)
	if d.HasError() {
		return
	}
	var ids []string
	for _, s := range r.Twins(ctx, replacing, func(s *client.Schedule) bool { return lifecycle.SameSchedule(s, want) }) {
		ids = append(ids, s.ID)
	}
	if len(ids) > 0 {
		r.WarnTwins(&resp.Diagnostics, want.Name, ids, ids[0])
	}
}
