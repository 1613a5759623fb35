package trigger

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// equivalentInstant: a time written as RFC 3339 or as YYYY-MM-DD HH:MM:SS
// (in the provider's time_zone) that names the state's instant is no diff.
func equivalentInstant(zone Locator) planmodifier.String { return instantModifier{zone} }

type instantModifier struct{ zone Locator }

func (instantModifier) Description(context.Context) string {
	return "The same instant written in another format is no change."
}

func (m instantModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m instantModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !framework.Known(req.StateValue) || !framework.Known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if req.StateValue.ValueString() != req.ConfigValue.ValueString() &&
		sameInstant(req.StateValue.ValueString(), req.ConfigValue.ValueString(), m.zone.Location()) {
		resp.PlanValue = req.StateValue
	}
}

// triggerKindRequiresReplace: changing single to periodical (or back)
// replaces the schedule, since JPush forbids that change in an update.
func triggerKindRequiresReplace() planmodifier.Object { return triggerKindModifier{} }

type triggerKindModifier struct{}

func (triggerKindModifier) Description(context.Context) string {
	return "Changing the trigger kind (single/periodical) replaces the schedule."
}

func (m triggerKindModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (triggerKindModifier) PlanModifyObject(_ context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	replace, unknownKind := KindReplaces(req.StateValue, req.PlanValue)
	resp.RequiresReplace = replace
	if unknownKind {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Trigger known only at apply",
			"Whether the trigger is single or periodical depends on a value known only at apply. JPush cannot change "+
				"a schedule from single to periodical or back in place, so the plan replaces the schedule: applying deletes "+
				"it and creates a new one, even if the kind turns out unchanged. To update it in place instead, make "+
				"the kind known at plan (for example apply the resource the value comes from first, with -target).")
	}
}

// KindReplaces tells whether moving from the state's trigger to the
// planned one replaces the schedule: the kind changes, or is known only at
// apply (unknownKind). Planning an update for an unknown kind would turn
// into a replacement at apply if the kind changed, which Terraform rejects
// as an inconsistent final plan; so the replacement is planned at once.
func KindReplaces(state, plan types.Object) (replace, unknownKind bool) {
	if !framework.Known(state) || plan.IsNull() {
		return false, false
	}
	sk, pk := objectKind(state), ""
	if framework.Known(plan) {
		pk = objectKind(plan)
	}
	switch {
	case sk == "":
		return false, false
	case pk == "":
		return true, true
	}
	return sk != pk, false
}

// objectKind tells which of single/periodical a trigger object holds; ""
// when that is unknown.
func objectKind(o types.Object) string {
	attrs := o.Attributes()
	s, p := attrs["single"], attrs["periodical"]
	if s == nil || p == nil || s.IsUnknown() || p.IsUnknown() {
		return ""
	}
	switch {
	case !s.IsNull() && p.IsNull():
		return "single"
	case s.IsNull() && !p.IsNull():
		return "periodical"
	}
	return ""
}
