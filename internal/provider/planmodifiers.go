package provider

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The modifiers below keep the prior state's spelling when the configuration
// means the same thing, so that equivalent spellings plan no change.
// Terraform accepts a planned value equal to the prior state in place of a
// different but equivalent configuration value.

// equivalentInstant: a time written as RFC 3339 or as YYYY-MM-DD HH:MM:SS
// (in the provider's time_zone) that names the state's instant is no diff.
func equivalentInstant(zone *zoneHolder) planmodifier.String { return instantModifier{zone} }

type instantModifier struct{ zone *zoneHolder }

func (instantModifier) Description(context.Context) string {
	return "The same instant written in another format is no change."
}

func (m instantModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m instantModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.StateValue) || !known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if req.StateValue.ValueString() != req.ConfigValue.ValueString() &&
		sameInstant(req.StateValue.ValueString(), req.ConfigValue.ValueString(), m.zone.Location()) {
		resp.PlanValue = req.StateValue
	}
}

// caseInsensitiveString: a value differing from the state only in case is no diff.
func caseInsensitiveString() planmodifier.String { return caseStringModifier{} }

type caseStringModifier struct{}

func (caseStringModifier) Description(context.Context) string {
	return "A value differing only in letter case is no change."
}

func (m caseStringModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (caseStringModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.StateValue) || !known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if strings.EqualFold(req.StateValue.ValueString(), req.ConfigValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// caseInsensitiveList: point is a set: a list of strings holding the
// state's elements in another order or another letter case is no diff
// (JPush reads the points as a set of days, case-insensitively).
func caseInsensitiveList() planmodifier.List { return caseListModifier{} }

type caseListModifier struct{}

func (caseListModifier) Description(context.Context) string {
	return "The same elements in another order or letter case are no change."
}

func (m caseListModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (caseListModifier) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if !known(req.StateValue) || !known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	st, ok1 := listStrings(ctx, req.StateValue)
	cf, ok2 := listStrings(ctx, req.ConfigValue)
	if ok1 && ok2 && samePointSet(st, cf) {
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
	replace, unknownKind := kindReplaces(req.StateValue, req.PlanValue)
	resp.RequiresReplace = replace
	if unknownKind {
		resp.Diagnostics.AddAttributeWarning(req.Path, "Trigger known only at apply",
			"Whether the trigger is single or periodical depends on a value known only at apply. JPush cannot change "+
				"a schedule from single to periodical or back in place, so the plan replaces the schedule: applying deletes "+
				"it and creates a new one, even if the kind turns out unchanged. To update it in place instead, make "+
				"the kind known at plan (for example apply the resource the value comes from first, with -target).")
	}
}

// kindReplaces tells whether moving from the state's trigger to the
// planned one replaces the schedule: the kind changes, or is known only at
// apply (unknownKind). Planning an update for an unknown kind would turn
// into a replacement at apply if the kind changed, which Terraform rejects
// as an inconsistent final plan; so the replacement is planned at once.
func kindReplaces(state, plan types.Object) (replace, unknownKind bool) {
	if !known(state) || plan.IsNull() {
		return false, false
	}
	sk, pk := objectKind(state), ""
	if known(plan) {
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

// equivalentPushJSON: JSON that JPush reads as the state's push is no diff.
func equivalentPushJSON() planmodifier.String { return pushJSONModifier{} }

type pushJSONModifier struct{}

func (pushJSONModifier) Description(context.Context) string {
	return "JSON describing the same push (client.CanonicalPush) is no change."
}

func (m pushJSONModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (pushJSONModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.StateValue) || !known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if req.StateValue.ValueString() != req.ConfigValue.ValueString() &&
		equivalentPushes(json.RawMessage(req.StateValue.ValueString()), json.RawMessage(req.ConfigValue.ValueString())) {
		resp.PlanValue = req.StateValue
	}
}

// equivalentTypedPush: a typed push that encodes to the state's push (as
// JPush reads it) is no diff, e.g. options.time_to_live = 86400 written out
// against a state without it.
func equivalentTypedPush() planmodifier.Object { return typedPushModifier{} }

type typedPushModifier struct{}

func (typedPushModifier) Description(context.Context) string {
	return "A push JPush reads as the same (client.CanonicalPush) is no change."
}

func (m typedPushModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (typedPushModifier) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	// Equal first: it is the common case (no change) and cheaper than the
	// walk of fullyKnown.
	if !known(req.StateValue) || !known(req.ConfigValue) || req.StateValue.Equal(req.ConfigValue) ||
		!fullyKnown(ctx, req.ConfigValue) {
		return
	}
	sm, d1 := pushModelFrom(ctx, req.StateValue)
	cm, d2 := pushModelFrom(ctx, req.ConfigValue)
	if d1.HasError() || d2.HasError() || sm == nil || cm == nil {
		return
	}
	sraw, err1 := sm.encode()
	craw, err2 := cm.encode()
	if err1 == nil && err2 == nil && equivalentPushes(sraw, craw) {
		resp.PlanValue = req.StateValue
	}
}
