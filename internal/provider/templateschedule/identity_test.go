package templateschedule

import (
	"context"
	"strings"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

// TestTemplateIdentityFromID: a template schedule's id is split into the
// identity's schedule ids, and an identity once set is kept.
func TestTemplateIdentityFromID(t *testing.T) {
	ctx := context.Background()
	b := &templateScheduleResource{}
	b.Data = &conn.ProviderData{App: conn.NewAppRecord("k", "https://x")}
	for _, id := range []string{"a", "a,b,c"} {
		ident := newNullIdentity(t, &templateScheduleResource{})
		if d := b.keepOrSetTemplateIdentity(ctx, ident, types.StringValue(id), nil); d.HasError() {
			t.Fatal(d)
		}
		var m templateIdentityModel
		ident.Get(ctx, &m)
		var got []string
		m.ScheduleIDs.ElementsAs(ctx, &got, false)
		if strings.Join(got, ",") != id || m.AppKey.ValueString() != "k" {
			t.Fatalf("identity of %q: %v %s", id, got, m.AppKey)
		}
		// Set once: a later id (schedules gone) leaves it as it was.
		b.keepOrSetTemplateIdentity(ctx, ident, types.StringValue("z"), nil)
		ident.Get(ctx, &m)
		m.ScheduleIDs.ElementsAs(ctx, &got, false)
		if strings.Join(got, ",") != id {
			t.Fatalf("identity changed to %v", got)
		}
	}
}

// newNullIdentity is an empty identity of r's identity schema.
func newNullIdentity(t *testing.T, r fwresource.ResourceWithIdentity) *tfsdk.ResourceIdentity {
	t.Helper()
	var resp fwresource.IdentitySchemaResponse
	r.IdentitySchema(context.Background(), fwresource.IdentitySchemaRequest{}, &resp)
	typ := resp.IdentitySchema.Type().TerraformType(context.Background())
	return &tfsdk.ResourceIdentity{Schema: resp.IdentitySchema, Raw: tftypes.NewValue(typ, nil)}
}
