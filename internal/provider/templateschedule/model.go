package templateschedule

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
)

// templateScheduleModel is the jpush_template_schedule resource.
type templateScheduleModel struct {
	ID           types.String `tfsdk:"id"`
	TemplateID   types.String `tfsdk:"template_id"`
	ScheduleName types.String `tfsdk:"schedule_name"`
	Enabled      types.Bool   `tfsdk:"enabled"`
	Trigger      types.Object `tfsdk:"trigger"`
	Params       types.List   `tfsdk:"params"`
	ScheduleIDs  types.Map    `tfsdk:"schedule_ids"`
	Expired      types.Bool   `tfsdk:"expired"`
}

// equal reports whether every attribute of m equals o's (attr.Value.Equal);
// keep it in step with the fields.
func (m *templateScheduleModel) equal(o *templateScheduleModel) bool {
	return m.ID.Equal(o.ID) && m.TemplateID.Equal(o.TemplateID) && m.ScheduleName.Equal(o.ScheduleName) &&
		m.Enabled.Equal(o.Enabled) && m.Trigger.Equal(o.Trigger) && m.Params.Equal(o.Params) &&
		m.ScheduleIDs.Equal(o.ScheduleIDs) && m.Expired.Equal(o.Expired)
}

// templateParamModel is one element of params. Decoded only from fully
// known values, so plain pointers and maps are enough (nil = null).
type templateParamModel struct {
	TraceID  string                `tfsdk:"trace_id"`
	Keys     map[string]string     `tfsdk:"keys"`
	Audience *push.AudienceModel   `tfsdk:"audience"`
	Options  *templateOptionsModel `tfsdk:"options"`
}

// templateOptionsModel is the subset of push options a template param takes.
type templateOptionsModel struct {
	TimeToLive      *int64  `tfsdk:"time_to_live"`
	APNSProduction  *bool   `tfsdk:"apns_production"`
	APNSCollapseID  *string `tfsdk:"apns_collapse_id"`
	BigPushDuration *int64  `tfsdk:"big_push_duration"`
	Classification  *int64  `tfsdk:"classification"`
	TestModel       *bool   `tfsdk:"test_model"`
}

var (
	paramsPath       = path.Root("params")
	templateIDPath   = path.Root("template_id")
	templateIDRegexp = regexp.MustCompile(`^\S+$`)
)

func templateParamAttrTypes() map[string]attr.Type {
	return templateParamsAttribute().NestedObject.Type().(basetypes.ObjectType).AttrTypes
}

func templateParamObjectType() types.ObjectType {
	return types.ObjectType{AttrTypes: templateParamAttrTypes()}
}

// templateParamFrom decodes one fully known params element (nil otherwise).
func templateParamFrom(ctx context.Context, v attr.Value) (*templateParamModel, diag.Diagnostics) {
	obj, ok := v.(types.Object)
	if !ok || !push.FullyKnown(ctx, obj) || obj.IsNull() {
		return nil, nil
	}
	var m templateParamModel
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	if diags.HasError() {
		return nil, diags
	}
	return &m, diags
}

// templateParamsFrom decodes a fully known params list; ok is false when
// any element is unknown.
func templateParamsFrom(ctx context.Context, l types.List) ([]templateParamModel, bool, diag.Diagnostics) {
	if l.IsNull() || l.IsUnknown() {
		return nil, false, nil
	}
	var out []templateParamModel
	var diags diag.Diagnostics
	for _, e := range l.Elements() {
		m, d := templateParamFrom(ctx, e)
		diags.Append(d...)
		if m == nil {
			return nil, false, diags
		}
		out = append(out, *m)
	}
	return out, true, diags
}

func templateParamsList(ctx context.Context, params []templateParamModel) (types.List, diag.Diagnostics) {
	return types.ListValueFrom(ctx, templateParamObjectType(), params)
}

// wireAudience is the JSON JPush expects for an audience model.
func wireAudience(a *push.AudienceModel) (json.RawMessage, error) {
	if a == nil {
		return nil, fmt.Errorf("audience is required")
	}
	return json.Marshal(a.ToClient())
}

func (o *templateOptionsModel) toClient() *client.Options {
	if o == nil {
		return nil
	}
	return &client.Options{
		TimeToLive: o.TimeToLive, APNSProduction: o.APNSProduction, APNSCollapseID: push.StringOrEmpty(o.APNSCollapseID),
		BigPushDuration: o.BigPushDuration, Classification: push.ToIntPtr(o.Classification), TestModel: o.TestModel,
	}
}

func wireOptions(o *templateOptionsModel) (json.RawMessage, error) {
	co := o.toClient()
	if co == nil {
		return nil, nil
	}
	return json.Marshal(co)
}

// toClient converts a param to its wire form.
func (p *templateParamModel) toClient() (client.TemplateParam, error) {
	aud, err := wireAudience(p.Audience)
	if err != nil {
		return client.TemplateParam{}, err
	}
	opts, err := wireOptions(p.Options)
	if err != nil {
		return client.TemplateParam{}, err
	}
	return client.TemplateParam{Keys: p.Keys, Audience: aud, Options: opts, TraceID: p.TraceID}, nil
}

// syntheticPush wraps an audience and options in a minimal push so that
// client.CanonicalPush can compare them the way JPush reads them (server
// option defaults, spellings of "all").
func syntheticPush(aud, opts json.RawMessage) json.RawMessage {
	m := map[string]json.RawMessage{
		"platform":     json.RawMessage(`"all"`),
		"audience":     aud,
		"notification": json.RawMessage(`{"alert":"x"}`),
	}
	if len(opts) > 0 && string(opts) != "null" {
		m["options"] = opts
	}
	b, _ := json.Marshal(m)
	return b
}

// sameParamTarget reports whether a param's audience and options are the
// ones of a schedule's push, as JPush reads them.
func sameParamTarget(p *templateParamModel, server json.RawMessage) bool {
	aud, err := wireAudience(p.Audience)
	if err != nil {
		return false
	}
	opts, err := wireOptions(p.Options)
	if err != nil {
		return false
	}
	var sp struct {
		Audience json.RawMessage `json:"audience"`
		Options  json.RawMessage `json:"options"`
	}
	if json.Unmarshal(server, &sp) != nil {
		return false
	}
	return push.Equivalent(syntheticPush(aud, opts), syntheticPush(sp.Audience, sp.Options))
}

// sameAudience compares only the audience of a param with a schedule's push.
func sameAudience(p *templateParamModel, server json.RawMessage) bool {
	aud, err := wireAudience(p.Audience)
	if err != nil {
		return false
	}
	var sp struct {
		Audience json.RawMessage `json:"audience"`
	}
	if json.Unmarshal(server, &sp) != nil {
		return false
	}
	return push.Equivalent(syntheticPush(aud, nil), syntheticPush(sp.Audience, nil))
}

// paramFromServer reconstructs what JPush returns of a param: its audience
// and options (keys and template are not returned).
func paramFromServer(traceID string, server json.RawMessage) (*templateParamModel, error) {
	canon, err := client.CanonicalPush(server)
	if err != nil {
		canon = server
	}
	p, err := client.DecodePush(canon)
	if err != nil {
		return nil, err
	}
	pm := push.ModelFromClient(p)
	out := &templateParamModel{TraceID: traceID, Audience: pm.Audience}
	if o := pm.Options; o != nil {
		to := &templateOptionsModel{
			TimeToLive: o.TimeToLive, APNSProduction: o.APNSProduction, APNSCollapseID: o.APNSCollapseID,
			BigPushDuration: o.BigPushDuration, Classification: o.Classification, TestModel: o.TestModel,
		}
		if *to != (templateOptionsModel{}) {
			out.Options = to
		}
	}
	return out, nil
}

// scheduleIDsMap builds schedule_ids from trace ids and schedule ids.
func scheduleIDsMap(traces, ids []string) types.Map {
	elems := make(map[string]attr.Value, len(ids))
	for i, id := range ids {
		elems[traces[i]] = types.StringValue(id)
	}
	return types.MapValueMust(types.StringType, elems)
}

// orderedScheduleIDs returns the schedule ids of params in order, from
// schedule_ids; ok is false when one is missing.
func orderedScheduleIDs(params []templateParamModel, m types.Map) ([]string, bool) {
	if !framework.Known(m) {
		return nil, false
	}
	el := m.Elements()
	out := make([]string, 0, len(params))
	for _, p := range params {
		v, ok := el[p.TraceID].(types.String)
		if !ok || !framework.Known(v) {
			return nil, false
		}
		out = append(out, v.ValueString())
	}
	return out, true
}
