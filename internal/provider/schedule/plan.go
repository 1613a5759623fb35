package schedule

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ModifyPlan checks what depends on the zone and JPush's clock, and turns
// any change to an expired schedule into a replacement.
//
// It reads only the attributes it needs (GetAttribute), not the whole plan
// and state: decoding both models converted the typed push, about a hundred
// nested attributes, twice for nothing (a tenth of the plan's cost).
func (r *scheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	pt, prior, ok := r.PlanStart(ctx, req, resp)
	if !ok {
		return
	}
	defer pt.WarnReplacement(ctx, prior, resp)
	if pendingCreateOf(prior.ID) != nil {
		// Saved by an ambiguous create but no longer tainted (terraform
		// untaint): replace it all the same, so that Delete resolves it.
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("id"))
		return
	}
	if prior.Expired.ValueBool() {
		lifecycle.ReplaceExpiredOnEdit(ctx, "the schedule has fired or ended", prior.ID.ValueString(), req, resp,
			path.Root("name"), path.Root("enabled"), trigger.Path, path.Root("push"), path.Root("push_json"))
		return
	}
	pt.CheckUpdate(ctx, prior.Trigger, &resp.Diagnostics)
}
