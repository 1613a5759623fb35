package lifecycle

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
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

// IdentityAppKeyDoc documents app_key in both resources' identity schemas.
const IdentityAppKeyDoc = "The AppKey of the app the schedule belongs to. Optional in an `import` block: " +
	"when given, it must be the provider's `app_key`."

// appKey is the AppKey the provider was configured with ("" before). Where
// an identity is set, it is also the app recorded in the resource's private
// state (conn/app.go, lifecycle/app.go), if any: Read, Update and Delete refuse to go on
// when the two differ.
func (b *Base) appKey() string {
	if b.Data == nil {
		return ""
	}
	return b.Data.App.AppKey
}

// IdentityIsSet reports whether ident holds an identity already.
func IdentityIsSet(ident *tfsdk.ResourceIdentity) bool {
	return ident != nil && !ident.Raw.IsNull() && !ident.Raw.IsFullyNull()
}

// IdentityAppKey is the app key an identity names: the one recorded in the
// resource's private state (conn/app.go, lifecycle/app.go), else the provider's.
func (b *Base) IdentityAppKey(ctx context.Context, priv conn.PrivateState) (types.String, diag.Diagnostics) {
	rec, diags := conn.RecordedApp(ctx, priv)
	if rec != nil {
		return types.StringValue(rec.AppKey), diags
	}
	return b.AppKeyValue(), diags
}

// StateID reads the id a response's state holds (null when none).
func StateID(ctx context.Context, st *tfsdk.State) types.String {
	var id types.String
	if st == nil || st.Raw.IsNull() {
		return types.StringNull()
	}
	if d := st.GetAttribute(ctx, path.Root("id"), &id); d.HasError() {
		return types.StringNull()
	}
	return id
}

func (b *Base) AppKeyValue() types.String {
	if k := b.appKey(); k != "" {
		return types.StringValue(k)
	}
	return types.StringNull()
}

// CheckIdentityAppKey rejects an import identity naming another app than the
// provider's.
func (b *Base) CheckIdentityAppKey(ctx context.Context, ident *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	var key types.String
	diags.Append(ident.GetAttribute(ctx, path.Root("app_key"), &key)...)
	if diags.HasError() || !framework.Known(key) || key.ValueString() == b.appKey() || b.appKey() == "" {
		return
	}
	diags.AddAttributeError(path.Root("app_key"), "Schedule of another JPush app",
		fmt.Sprintf("The identity names the app %q, but the provider is configured for the app %q. "+
			"Import it with a provider configured for that app (app_key and master_secret), or leave app_key out "+
			"of the identity to import the schedule of this id from the provider's app.", key.ValueString(), b.appKey()))
}
