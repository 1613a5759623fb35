package push

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// EquivalentJSON plans no diff for push_json that JPush reads as the
// state's push.
func EquivalentJSON() planmodifier.String { return pushJSONModifier{} }

type pushJSONModifier struct{}

func (pushJSONModifier) Description(context.Context) string {
	return "JSON describing the same push (client.CanonicalPush) is no change."
}

func (m pushJSONModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (pushJSONModifier) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !framework.Known(req.StateValue) || !framework.Known(req.ConfigValue) || req.PlanValue.IsUnknown() {
		return
	}
	if req.StateValue.ValueString() != req.ConfigValue.ValueString() &&
		Equivalent(json.RawMessage(req.StateValue.ValueString()), json.RawMessage(req.ConfigValue.ValueString())) {
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
	if !framework.Known(req.StateValue) || !framework.Known(req.ConfigValue) || req.StateValue.Equal(req.ConfigValue) ||
		!FullyKnown(ctx, req.ConfigValue) {
		return
	}
	sm, d1 := ModelFrom(ctx, req.StateValue)
	cm, d2 := ModelFrom(ctx, req.ConfigValue)
	if d1.HasError() || d2.HasError() || sm == nil || cm == nil {
		return
	}
	sraw, err1 := sm.Encode()
	craw, err2 := cm.Encode()
	if err1 == nil && err2 == nil && Equivalent(sraw, craw) {
		resp.PlanValue = req.StateValue
	}
}
