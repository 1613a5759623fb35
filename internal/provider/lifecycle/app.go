package lifecycle

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

// Which JPush app a resource's schedules belong to.
//
// Schedule ids are per app: pointed at another app or endpoint (a CI job
// without JPUSH_ENDPOINT, a wrong workspace variable), every schedule
// answers 404 and would be dropped from the state as "deleted outside
// Terraform" and created again in the other app, while the originals still
// fire. So each resource records, in its private state, the app key and
// endpoint that made (or imported) it, never the master secret; Read fails
// with an error naming both apps when the provider is configured for
// another one, before any request, and Update and Delete refuse likewise.
// State written by older provider versions has no record: Read adopts the
// current app once JPush has returned one of the resource's schedules.
//
// The record is JSON (appRecord), so that a later resource identity can
// take the app key from it.

// AppDescription names the app the provider is configured for.
func (b *Base) AppDescription() string {
	if b.Data == nil {
		return "the configured app"
	}
	return b.Data.App.String()
}

// SameApp reports whether the resource whose private state is priv
// belongs to the app the provider is configured for, with an error naming
// both when it does not; id is the resource's id.
func (b *Base) SameApp(ctx context.Context, priv conn.PrivateState, id string, diags *diag.Diagnostics) bool {
	rec, d := conn.RecordedApp(ctx, priv)
	diags.Append(d...)
	if rec == nil || b.Data == nil || b.Data.App.AppKey == "" || *rec == b.Data.App {
		return true
	}
	cur := b.Data.App
	diags.AddError("The schedule belongs to another JPush app",
		fmt.Sprintf("%s was made in JPush %s, but the provider is now configured for %s. JPush would answer "+
			"\"not found\" for it there, and Terraform would create it again there while the original still "+
			"fires. Nothing was changed.\n\nCheck app_key and endpoint (or %s and %s) for this run. To move the "+
			"schedules to another app on purpose, follow \"Moving to another app\" in the provider documentation: "+
			"remove them from the state (or destroy them) with the old settings, then apply with the new ones.",
			b.Label(id), rec, cur, conn.EnvAppKey, conn.EnvEndpoint))
	return false
}

// AppPlanCheck is a plan modifier for a resource's id that fails the plan
// of an existing resource recorded for another app: the refresh checks the
// same, but a plan with -refresh=false skips it.
func AppPlanCheck(zone *conn.Zone, typeName string) planmodifier.String {
	return appPlanModifier{zone: zone, typeName: typeName}
}

type appPlanModifier struct {
	zone     *conn.Zone
	typeName string // names the resource in the error
}

func (appPlanModifier) Description(context.Context) string {
	return "Fails when the provider is configured for another JPush app than the one that made the resource."
}

func (m appPlanModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m appPlanModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || m.zone == nil {
		return
	}
	if app := m.zone.App.Load(); app != nil {
		b := NewBase(m.zone, m.typeName)
		b.Data = &conn.ProviderData{App: *app}
		b.SameApp(ctx, req.Private, req.StateValue.ValueString(), &resp.Diagnostics)
	}
}

// RecordApp records the app the provider is configured for in priv.
func (b *Base) RecordApp(ctx context.Context, priv conn.PrivateState, diags *diag.Diagnostics) {
	if priv == nil || b.Data == nil || b.Data.App.AppKey == "" {
		return
	}
	raw, err := json.Marshal(b.Data.App)
	if err == nil {
		diags.Append(priv.SetKey(ctx, conn.AppPrivateKey, raw)...)
	}
}

// AdoptApp records the current app in priv when it has no record yet
// (state written by an older provider version), once JPush has returned
// one of the resource's schedules.
func (b *Base) AdoptApp(ctx context.Context, priv conn.PrivateState, diags *diag.Diagnostics) {
	if rec, _ := conn.RecordedApp(ctx, priv); rec == nil {
		b.RecordApp(ctx, priv, diags)
	}
}
