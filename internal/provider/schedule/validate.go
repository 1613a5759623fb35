package schedule

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// ValidateConfig checks the rules that span attributes and do not depend on
// the provider's zone or the clock (those are checked in ModifyPlan).
func (r *scheduleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	// Only the trigger is needed: reading it alone spares decoding the
	// whole resource (the typed push) for every resource of every command.
	var trig types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, trigger.Path, &trig)...)
	if resp.Diagnostics.HasError() {
		return
	}
	at, problem, diags := trigger.PointProblem(ctx, trig)
	resp.Diagnostics.Append(diags...)
	if problem != "" {
		framework.AttrError(&resp.Diagnostics, at, "Invalid point", problem+".")
	}
}

func (r *scheduleResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{push.FormsValidator{}}
}
