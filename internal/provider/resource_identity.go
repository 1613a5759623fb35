package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform and OpenTofu 1.12+): what names a JPush object
// for an `import` block's `identity = {...}` and for `terraform query`.
//
// jpush_schedule is named by its schedule id, jpush_template_schedule by all
// of its schedule ids in the order of params. Both carry the app key of the
// provider that made or first read them: a schedule id is unique only within
// its app, and an import naming another app's key fails instead of reading
// (or, with a wrong key, not finding) a schedule of a different app.
//
// An identity is set once (create, import, or the first read of an object
// that has none, e.g. one made under Terraform < 1.12) and never changes
// afterwards: later reads keep the one stored. Terraform < 1.12 neither
// stores nor sends identities; the provider then sets it at every call, from
// the state and the provider's app key, which is harmless.

var (
	_ resource.ResourceWithIdentity = (*scheduleResource)(nil)
	_ resource.ResourceWithIdentity = (*templateScheduleResource)(nil)
)

// scheduleIdentityModel is jpush_schedule's identity.
type scheduleIdentityModel struct {
	ID     types.String `tfsdk:"id"`
	AppKey types.String `tfsdk:"app_key"`
}

// templateIdentityModel is jpush_template_schedule's identity.
type templateIdentityModel struct {
	ScheduleIDs types.List   `tfsdk:"schedule_ids"`
	AppKey      types.String `tfsdk:"app_key"`
}

const identityAppKeyDoc = "The AppKey of the app the schedule belongs to. Optional in an `import` block: " +
	"when given, it must be the provider's `app_key`."

func (r *scheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The `schedule_id` (a UUID).",
			},
			"app_key": identityschema.StringAttribute{OptionalForImport: true, Description: identityAppKeyDoc},
		},
	}
}

func (r *templateScheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"schedule_ids": identityschema.ListAttribute{
				ElementType:       types.StringType,
				RequiredForImport: true,
				Description: "The ids of all the schedules made from the template, in the order of `params` " +
					"(the resource's `id` split at the commas).",
			},
			"app_key": identityschema.StringAttribute{OptionalForImport: true, Description: identityAppKeyDoc},
		},
	}
}

// appKey is the AppKey the provider was configured with ("" before). Where
// an identity is set, it is also the app recorded in the resource's private
// state (resource_app.go), if any: Read, Update and Delete refuse to go on
// when the two differ.
func (b *providerBound) appKey() string {
	if b.data == nil {
		return ""
	}
	return b.data.App.AppKey
}

// identityIsSet reports whether ident holds an identity already.
func identityIsSet(ident *tfsdk.ResourceIdentity) bool {
	return ident != nil && !ident.Raw.IsNull() && !ident.Raw.IsFullyNull()
}

// keepOrSetScheduleIdentity sets a jpush_schedule identity from id and the
// app recorded in priv (the provider's app when there is no record) unless
// one is stored already (identities never change).
func (b *providerBound) keepOrSetScheduleIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id types.String, priv privateState) diag.Diagnostics {
	if ident == nil || identityIsSet(ident) || !known(id) {
		return nil
	}
	key, diags := b.identityAppKey(ctx, priv)
	diags.Append(ident.Set(ctx, scheduleIdentityModel{ID: id, AppKey: key})...)
	return diags
}

// keepOrSetTemplateIdentity is keepOrSetScheduleIdentity for
// jpush_template_schedule, whose id is its schedule ids joined with commas.
func (b *providerBound) keepOrSetTemplateIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id types.String, priv privateState) diag.Diagnostics {
	if ident == nil || identityIsSet(ident) || !known(id) {
		return nil
	}
	return b.setTemplateIdentity(ctx, ident, id.ValueString(), priv)
}

func (b *providerBound) setTemplateIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id string, priv privateState) diag.Diagnostics {
	key, diags := b.identityAppKey(ctx, priv)
	ids, d := types.ListValueFrom(ctx, types.StringType, strings.Split(id, ","))
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	diags.Append(ident.Set(ctx, templateIdentityModel{ScheduleIDs: ids, AppKey: key})...)
	return diags
}

// identityAppKey is the app key an identity names: the one recorded in the
// resource's private state (resource_app.go), else the provider's.
func (b *providerBound) identityAppKey(ctx context.Context, priv privateState) (types.String, diag.Diagnostics) {
	rec, diags := recordedApp(ctx, priv)
	if rec != nil {
		return types.StringValue(rec.AppKey), diags
	}
	return b.appKeyValue(), diags
}

// stateID reads the id a response's state holds (null when none).
func stateID(ctx context.Context, st *tfsdk.State) types.String {
	var id types.String
	if st == nil || st.Raw.IsNull() {
		return types.StringNull()
	}
	if d := st.GetAttribute(ctx, path.Root("id"), &id); d.HasError() {
		return types.StringNull()
	}
	return id
}

func (b *providerBound) appKeyValue() types.String {
	if k := b.appKey(); k != "" {
		return types.StringValue(k)
	}
	return types.StringNull()
}

// checkIdentityAppKey rejects an import identity naming another app than the
// provider's.
func (b *providerBound) checkIdentityAppKey(ctx context.Context, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	var key types.String
	diags.Append(ident.GetAttribute(ctx, path.Root("app_key"), &key)...)
	if diags.HasError() || !known(key) || key.ValueString() == b.appKey() || b.appKey() == "" {
		return
	}
	diags.AddAttributeError(path.Root("app_key"), "Schedule of another JPush app",
		fmt.Sprintf("The identity names the app %q, but the provider is configured for the app %q. "+
			"Import it with a provider configured for that app (app_key and master_secret), or leave app_key out "+
			"of the identity to import the schedule of this id from the provider's app.", key.ValueString(), b.appKey()))
}

// importScheduleByIdentity imports a jpush_schedule named by an identity
// (the import id form goes through ImportStatePassthroughID).
func (r *scheduleResource) importScheduleByIdentity(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	r.checkIdentityAppKey(ctx, req.Identity, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.Identity.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !scheduleIDRE.MatchString(id.ValueString()) { // as for an import id
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Invalid schedule id in the identity",
			fmt.Sprintf("id: %q is not a JPush schedule id: an id is a UUID such as "+
				"6f1c9a2e-3b7d-4c55-9e21-0a8b7c6d5e4f (not the schedule's name).", id.ValueString()))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	if resp.Identity != nil {
		// Complete what the practitioner gave (app_key is optional).
		resp.Diagnostics.Append(resp.Identity.Set(ctx, scheduleIdentityModel{ID: id, AppKey: r.appKeyValue()})...)
	}
}

// templateImportIDFromIdentity turns a jpush_template_schedule import
// identity into the import id form ("id1,id2").
func (r *templateScheduleResource) templateImportIDFromIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	r.checkIdentityAppKey(ctx, ident, diags)
	var ids []string
	diags.Append(ident.GetAttribute(ctx, path.Root("schedule_ids"), &ids)...)
	if diags.HasError() {
		return ""
	}
	if len(ids) == 0 {
		diags.AddAttributeError(path.Root("schedule_ids"), "Missing schedule ids",
			"schedule_ids: list the ids of all the schedules made from the template, in the order of params.")
		return ""
	}
	return strings.Join(ids, ",")
}
