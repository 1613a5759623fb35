package schedule

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
)

// scheduleModel is the jpush_schedule resource.
type scheduleModel struct {
	ID       types.String   `tfsdk:"id"`
	Name     types.String   `tfsdk:"name"`
	Enabled  types.Bool     `tfsdk:"enabled"`
	Trigger  types.Object   `tfsdk:"trigger"`
	Push     types.Object   `tfsdk:"push"`
	PushJSON push.JSONValue `tfsdk:"push_json"`
	Expired  types.Bool     `tfsdk:"expired"`
}

// statePushRaw returns the wire push held by a model (typed or JSON), nil
// when it holds none.
func statePushRaw(ctx context.Context, m *scheduleModel) (json.RawMessage, error) {
	if framework.Known(m.PushJSON) {
		return json.RawMessage(m.PushJSON.ValueString()), nil
	}
	pm, diags := push.ModelFrom(ctx, m.Push)
	if diags.HasError() {
		return nil, fmt.Errorf("cannot read push: %v", diags)
	}
	if pm == nil {
		return nil, nil
	}
	return pm.Encode()
}
