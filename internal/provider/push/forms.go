package push

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
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

// FormFollows plans the form the configuration leaves out (see above).
func FormFollows() FormModifier { return FormModifier{} }

// FormModifier is the plan modifier FormFollows returns.
type FormModifier struct{}

func (FormModifier) Description(context.Context) string {
	return "Kept when it describes the same push as the configured form (push or push_json), else null."
}

func (m FormModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

// PlanModifyObject plans the typed push of a push_json configuration.
func (FormModifier) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.ObjectNull(AttrTypes())
	if !framework.Known(req.StateValue) {
		return // the common case, decided without reading the configuration
	}
	var cfg JSONValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push_json"), &cfg)...)
	if !framework.Known(cfg) {
		return
	}
	if prev, err := TypedPushRaw(ctx, req.StateValue); err == nil && prev != nil &&
		Equivalent(json.RawMessage(cfg.ValueString()), prev) {
		resp.PlanValue = req.StateValue
	}
}

// PlanModifyString plans the push_json of a typed push configuration.
func (FormModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	resp.PlanValue = types.StringNull()
	if !framework.Known(req.StateValue) {
		return // the common case, decided without reading the configuration
	}
	var cfg types.Object
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push"), &cfg)...)
	if !framework.Known(cfg) || !FullyKnown(ctx, cfg) {
		return
	}
	raw, err := TypedPushRaw(ctx, cfg)
	switch {
	case err != nil || raw == nil:
	case Equivalent(json.RawMessage(req.StateValue.ValueString()), raw):
		resp.PlanValue = req.StateValue
	default:
		// The configured push as JSON, rather than null: Terraform then
		// shows the change of JPush's payload key by key (e.g. only an
		// sms_message going), and the apply sends this same push.
		resp.PlanValue = types.StringValue(string(CanonicalOrRaw(raw)))
	}
}

// TypedPushRaw is the wire form of a fully known typed push object (nil
// when null).
func TypedPushRaw(ctx context.Context, obj types.Object) (json.RawMessage, error) {
	pm, diags := ModelFrom(ctx, obj)
	if diags.HasError() {
		return nil, errFromDiags(diags)
	}
	if pm == nil {
		return nil, nil
	}
	return pm.Encode()
}

// CanonicalOrRaw is the canonical form of a push from JPush, or the push as
// it came when it has none (then compared byte for byte).
func CanonicalOrRaw(server json.RawMessage) json.RawMessage {
	if canon, err := client.CanonicalPush(server); err == nil {
		return canon
	}
	return server
}

// TypedView decodes a canonical push into the typed model. whole tells
// whether the typed push holds all of it (nothing the typed schema lacks
// was dropped).
func TypedView(canon json.RawMessage) (pm *Model, whole bool, err error) {
	p, err := client.DecodePush(canon)
	if err != nil {
		return nil, false, err
	}
	pm = ModelFromClient(p)
	typed, err := pm.Encode()
	return pm, err == nil && HasCanonicalForm(typed, canon), nil
}

// FormsValidator requires a payload: push, push_json, or both when
// they describe the same push (what -generate-config-out writes after an
// import, since the imported state holds both forms).
type FormsValidator struct{}

var _ resource.ConfigValidator = FormsValidator{}

func (FormsValidator) Description(context.Context) string {
	return "Set push or push_json (both only when they describe the same push)."
}

func (v FormsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (FormsValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var typed types.Object
	var js JSONValue
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push"), &typed)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("push_json"), &js)...)
	if resp.Diagnostics.HasError() || typed.IsUnknown() || js.IsUnknown() {
		return
	}
	switch {
	case typed.IsNull() && js.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("push"), "Missing push",
			"Set the payload as the typed push = { ... } or as push_json = jsonencode({ ... }).")
	case typed.IsNull() || js.IsNull() || !FullyKnown(ctx, typed):
	default:
		raw, err := TypedPushRaw(ctx, typed)
		if err != nil || raw == nil {
			return // the push validators report it
		}
		if !Equivalent(raw, json.RawMessage(js.ValueString())) {
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
