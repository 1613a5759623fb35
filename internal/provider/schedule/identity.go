package schedule

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

var _ resource.ResourceWithIdentity = (*scheduleResource)(nil)

// scheduleIdentityModel is jpush_schedule's identity.
type scheduleIdentityModel struct {
	ID     types.String `tfsdk:"id"`
	AppKey types.String `tfsdk:"app_key"`
}

func (r *scheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The `schedule_id` (a UUID).",
			},
			"app_key": identityschema.StringAttribute{OptionalForImport: true, Description: lifecycle.IdentityAppKeyDoc},
		},
	}
}

// keepOrSetScheduleIdentity sets a jpush_schedule identity from id and the
// app recorded in priv (the provider's app when there is no record) unless
// one is stored already (identities never change).
func (r *scheduleResource) keepOrSetScheduleIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id types.String, priv conn.PrivateState) diag.Diagnostics {
	if ident == nil || lifecycle.IdentityIsSet(ident) || !framework.Known(id) {
		return nil
	}
	key, diags := r.IdentityAppKey(ctx, priv)
	diags.Append(ident.Set(ctx, scheduleIdentityModel{ID: id, AppKey: key})...)
	return diags
}

// importScheduleByIdentity imports a jpush_schedule named by an identity
// (the import id form goes through ImportStatePassthroughID).
func (r *scheduleResource) importScheduleByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.CheckIdentityAppKey(ctx, req.Identity, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !rules.ScheduleID(id.ValueString()) { // as for an import id
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid schedule id in the identity",
			fmt.Sprintf("id: %q is not a JPush schedule id: an id is a UUID such as "+
				"6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f (not the schedule's name).", id.ValueString()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	if resp.Identity != nil {
		// Complete what the practitioner gave (app_key is optional).
		resp.Diagnostics.Append(resp.Identity.Set(ctx, scheduleIdentityModel{ID: id, AppKey: r.AppKeyValue()})...)
	}
}
