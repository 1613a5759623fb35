package templateschedule

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
)

var _ resource.ResourceWithIdentity = (*templateScheduleResource)(nil)

// templateIdentityModel is jpush_template_schedule's identity.
type templateIdentityModel struct {
	ScheduleIDs types.List   `tfsdk:"schedule_ids"`
	AppKey      types.String `tfsdk:"app_key"`
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
			"app_key": identityschema.StringAttribute{OptionalForImport: true, Description: lifecycle.IdentityAppKeyDoc},
		},
	}
}

// keepOrSetTemplateIdentity is keepOrSetScheduleIdentity for
// jpush_template_schedule, whose id is its schedule ids joined with commas.
func (r *templateScheduleResource) keepOrSetTemplateIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id types.String, priv conn.PrivateState) diag.Diagnostics {
	if ident == nil || lifecycle.IdentityIsSet(ident) || !framework.Known(id) {
		return nil
	}
	return r.setTemplateIdentity(ctx, ident, id.ValueString(), priv)
}

func (r *templateScheduleResource) setTemplateIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, id string, priv conn.PrivateState) diag.Diagnostics {
	key, diags := r.IdentityAppKey(ctx, priv)
	ids, d := types.ListValueFrom(ctx, types.StringType, strings.Split(id, ","))
	diags.Append(d...)
	if diags.HasError() {
		return diags
	}
	diags.Append(ident.Set(ctx, templateIdentityModel{ScheduleIDs: ids, AppKey: key})...)
	return diags
}

// templateImportIDFromIdentity turns a jpush_template_schedule import
// identity into the import id form ("id1,id2").
func (r *templateScheduleResource) templateImportIDFromIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) string {
	r.CheckIdentityAppKey(ctx, ident, diags)
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
