package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// The two forms of a jpush_schedule's payload, typed push and push_json,
// are both Optional and Computed, so that the state can hold the form the
// configuration does not use:
//
//   - After an import, the state holds both (the typed push only when it
//     can hold the whole payload), so a configuration written in either form
//     plans nothing: Terraform accepts a planned value for a computed
//     attribute the configuration leaves out, but for one it sets only the
//     configured value or an equal prior one.
//   - When JPush holds fields the typed push cannot (sms_message,
//     options.active_push, ...), Read records JPush's whole push in
//     push_json. The configuration leaves push_json out, so the plan sets
//     it to the configured push as JSON: an in-place update whose diff
//     shows exactly the keys that go, and the apply PUTs the configured
//     push.
//
// The form the configuration leaves out is planned as its prior value when
// that is the same push as the configured form; else push_json (once the
// state holds one) as the configured typed push's JSON, and the typed push
// as null. Never a value the apply has to compute: when the configured
// push is not known yet, null.

// pushFormFollows plans the form the configuration leaves out (see above).
func pushFormFollows() pushFormModifier { return pushFormModifier{} }

type pushFormModifier struct{}

func (pushFormModifier) Description(context.Context) string {
	return "Kept when it describes the same push as the configured form (push or push_json), else null."
}

func (m pushFormModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// PlanModifyObject plans the typed push of a push_json configuration.
func (pushFormModifier) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.ObjectNull(pushAttrTypes())
	if !known(req.StateValue) {
		return // the common case, decided without reading the configuration
	}
	var cfg PushJSONValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push_json"), &cfg)...)
	if !known(cfg) {
		return
	}
	if prev, err := typedPushRaw(ctx, req.StateValue); err == nil && prev != nil &&
		equivalentPushes(json.RawMessage(cfg.ValueString()), prev) {
		resp.PlanValue = req.StateValue
	}
}

// PlanModifyString plans the push_json of a typed push configuration.
func (pushFormModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.StringNull()
	if !known(req.StateValue) {
		return // the common case, decided without reading the configuration
	}
	var cfg types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push"), &cfg)...)
	if !known(cfg) || !fullyKnown(ctx, cfg) {
		return
	}
	raw, err := typedPushRaw(ctx, cfg)
	switch {
	case err != nil || raw == nil:
	case equivalentPushes(json.RawMessage(req.StateValue.ValueString()), raw):
		resp.PlanValue = req.StateValue
	default:
		// The configured push as JSON, rather than null: Terraform then
		// shows the change of JPush's payload key by key (e.g. only an
		// sms_message going), and the apply sends this same push.
		resp.PlanValue = types.StringValue(string(canonicalOrRaw(raw)))
	}
}

// typedPushRaw is the wire form of a fully known typed push object (nil
// when null).
func typedPushRaw(ctx context.Context, obj types.Object) (json.RawMessage, error) {
	pm, diags := pushModelFrom(ctx, obj)
	if diags.HasError() {
		return nil, errFromDiags(diags)
	}
	if pm == nil {
		return nil, nil
	}
	return pm.encode()
}

// canonicalOrRaw is the canonical form of a push from JPush, or the push as
// it came when it has none (then compared byte for byte).
func canonicalOrRaw(server json.RawMessage) json.RawMessage {
	if canon, err := client.CanonicalPush(server); err == nil {
		return canon
	}
	return server
}

// typedView decodes a canonical push into the typed model. whole tells
// whether the typed push holds all of it (nothing the typed schema lacks
// was dropped).
func typedView(canon json.RawMessage) (pm *pushModel, whole bool, err error) {
	p, err := client.DecodePush(canon)
	if err != nil {
		return nil, false, err
	}
	pm = pushModelFromClient(p)
	typed, err := pm.encode()
	return pm, err == nil && hasCanonicalForm(typed, canon), nil
}

// pushFormsValidator requires a payload: push, push_json, or both when
// they describe the same push (what -generate-config-out writes after an
// import, since the imported state holds both forms).
type pushFormsValidator struct{}

var _ resource.ConfigValidator = pushFormsValidator{}

func (pushFormsValidator) Description(context.Context) string {
	return "Set push or push_json (both only when they describe the same push)."
}

func (v pushFormsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (pushFormsValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var typed types.Object
	var js PushJSONValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push"), &typed)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push_json"), &js)...)
	if resp.Diagnostics.HasError() || typed.IsUnknown() || js.IsUnknown() {
		return
	}
	switch {
	case typed.IsNull() && js.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("push"), "Missing push",
			"Set the payload as the typed push = { ... } or as push_json = jsonencode({ ... }).")
	case typed.IsNull() || js.IsNull() || !fullyKnown(ctx, typed):
	default:
		raw, err := typedPushRaw(ctx, typed)
		if err != nil || raw == nil {
			return // the push validators report it
		}
		if !equivalentPushes(raw, json.RawMessage(js.ValueString())) {
			resp.Diagnostics.AddAttributeError(path.Root("push_json"), "Conflicting push and push_json",
				"push and push_json are both set and describe different pushes. Set only one of them: "+
					"the typed push, or push_json for fields the typed push lacks.")
			return
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("push_json"), "Both push and push_json are set",
			"They describe the same push, so this works (a configuration generated at import holds both), "+
				"but keep only one of them: a later edit of one would conflict with the other.")
	}
}

// errFromDiags turns error diagnostics into an error.
func errFromDiags(diags diag.Diagnostics) error {
	for _, d := range diags.Errors() {
		return diagError{d.Summary() + ": " + d.Detail()}
	}
	return nil
}

type diagError struct{ msg string }

func (e diagError) Error() string { return e.msg }
