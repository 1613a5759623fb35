package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
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
	Audience *audienceModel        `tfsdk:"audience"`
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

// templateOptionKeys are the push options offered in params[].options; their
// schema (description, validators) is taken from jpush_schedule's push.options.
var templateOptionKeys = []string{"time_to_live", "apns_production", "apns_collapse_id", "big_push_duration", "classification", "test_model"}

// templateParamsAttribute is the params list. The audience object is the one
// of jpush_schedule's push.audience; options are a subset of push.options.
func templateParamsAttribute() schema.ListNestedAttribute {
	push := pushSchemaAttribute()
	audience := push.Attributes["audience"].(schema.SingleNestedAttribute)
	audience.MarkdownDescription = "Who receives this param's push; the same object as `jpush_schedule`'s " +
		"`push.audience`. JPush's template rules are checked at plan time: all params use the same audience " +
		"kind (`tag`, `tag_and` and `tag_not` may be combined); a broadcast (`all = true`), a `tag` audience " +
		"or a `segment` allows exactly one param; a `segment` names exactly one id; `registration_id` and " +
		"`alias` values add up to at most 1000 over all params."
	pushOpts := push.Attributes["options"].(schema.SingleNestedAttribute)
	opts := map[string]schema.Attribute{}
	for _, k := range templateOptionKeys {
		opts[k] = pushOpts.Attributes[k]
	}
	return schema.ListNestedAttribute{
		Required: true,
		MarkdownDescription: "The pushes: each element becomes one JPush schedule (same name and trigger). " +
			"At least one. Any change to `params` replaces every underlying schedule.",
		Validators: []validator.List{listvalidator.SizeAtLeast(1)},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"trace_id": schema.StringAttribute{
					Required: true,
					MarkdownDescription: "Your identifier of this param, unique within the resource; JPush echoes it " +
						"back and `schedule_ids` is keyed by it.",
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				"keys": schema.MapAttribute{
					ElementType: types.StringType,
					Optional:    true,
					MarkdownDescription: "Values of the template's variables, by variable name (strings). Required " +
						"when the template defines variables; JPush rejects unknown or missing ones.",
				},
				"audience": audience,
				"options": schema.SingleNestedAttribute{
					Optional: true,
					MarkdownDescription: "Push options for this param (a subset of `jpush_schedule`'s `push.options`). " +
						"Omitted: JPush's defaults.",
					Attributes: opts,
				},
			},
		},
	}
}

func templateScheduleSchema(zone *zoneHolder) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Scheduled pushes from a JPush console template (`POST /v3/push/template/schedule`, " +
			"a VIP feature). Each element of `params` becomes one JPush schedule sharing `schedule_name`, " +
			"`enabled` and `trigger`; `schedule_ids` maps each param's `trace_id` to its schedule.\n\n" +
			"`schedule_name`, `enabled` and a same-kind `trigger` change are applied in place to every " +
			"underlying schedule (one `PUT` each); changing `template_id` or `params`, or the trigger kind, " +
			"replaces all of them. A create that JPush accepts only for some params fails with one error per " +
			"failed param (trace id, code, message), yet keeps the schedules it did create in state (the " +
			"resource is tainted), so the next apply or a destroy removes them and none is orphaned. Destroy " +
			"deletes every underlying schedule. A create whose answer is lost is never sent twice: the " +
			"provider finds the schedules it made in JPush's list and adopts them (see the guide). An update that " +
			"reaches only some schedules leaves them disagreeing, and every plan updates them until they agree. " +
			"Fired or ended schedules behave as in `jpush_schedule`: " +
			"`expired` becomes `true` (only once none of the schedules can fire any more), the plan stays empty, " +
			"and the resource is never re-created by itself. " +
			"A schedule deleted outside Terraform while still live makes the next plan replace the resource.\n\n" +
			"**Import** with the comma-separated schedule ids, in the order of the configuration's `params` " +
			"(`terraform import jpush_template_schedule.x \"id1,id2,id3\"`), or with `trace_id=schedule_id` " +
			"pairs (`\"req-001=id1,req-002=id2\"`) so that `schedule_ids` is keyed by your trace ids at once. " +
			"JPush returns the name, enabled flag, trigger, audience and options of each schedule, but not the " +
			"template id nor the template `keys`; import therefore records `template_id = \"\"` and null `keys`. " +
			"On the next plan, a configuration whose `params` match the imported schedules (same number, same " +
			"order, same audiences and options, and the same trace ids when they were given) plans no change: " +
			"the imported values are kept until the next in-place update (e.g. a `schedule_name` change), " +
			"which adopts the configuration's `template_id`, `params` and trace ids without replacing anything. " +
			"A configuration that does not match plans a replacement.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The underlying schedule ids, comma-separated, in the order of `params` " +
					"(the import id).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), appPlanCheck(zone, "jpush_template_schedule")},
			},
			"template_id": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "The template id JPush generated when the template was created in the " +
					"console; non-empty, no spaces. Changing it replaces every underlying schedule.",
				Validators: []validator.String{
					stringvalidator.RegexMatches(templateIDRegexp, "must be a non-empty template id without spaces"),
				},
			},
			"schedule_name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of every underlying schedule: 1..255 bytes of UTF-8, only Chinese " +
					"characters (汉字), ASCII letters, digits and underscore. Updated in place (one `PUT` per schedule).",
				Validators: []validator.String{scheduleNameValidator()},
			},
			"enabled": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether the schedules are active. Default `true`. JPush only creates enabled " +
					"schedules, so `false` creates them and then disables each with a `PUT`; if a disable fails or the " +
					"run is interrupted, the schedules just created are deleted and the apply fails, so none is left " +
					"enabled. Updated in place.",
			},
			"trigger": triggerSchemaAttribute(zone),
			"params":  templateParamsAttribute(),
			"schedule_ids": schema.MapAttribute{
				ElementType: types.StringType,
				Computed:    true,
				MarkdownDescription: "The JPush `schedule_id` (a UUID) of each param, keyed by `trace_id`. After a " +
					"plain-id import, keyed by schedule id until the next update (see Import).",
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"expired": schema.BoolAttribute{
				Computed: true,
				MarkdownDescription: "`true` once every schedule has fired (single) or ended (periodical), each by its own trigger, judged " +
					"by JPush's clock (the `Date` header of its responses). Expired schedules stay in state and " +
					"are never re-created by themselves; editing the resource plans a replacement.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func templateParamAttrTypes() map[string]attr.Type {
	return templateParamsAttribute().NestedObject.Type().(basetypes.ObjectType).AttrTypes
}

func templateParamObjectType() types.ObjectType {
	return types.ObjectType{AttrTypes: templateParamAttrTypes()}
}

// templateParamFrom decodes one fully known params element (nil otherwise).
func templateParamFrom(ctx context.Context, v attr.Value) (*templateParamModel, diag.Diagnostics) {
	obj, ok := v.(types.Object)
	if !ok || !fullyKnown(ctx, obj) || obj.IsNull() {
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
func wireAudience(a *audienceModel) (json.RawMessage, error) {
	if a == nil {
		return nil, fmt.Errorf("audience is required")
	}
	p, err := (&pushModel{Audience: a}).toClient()
	if err != nil {
		return nil, err
	}
	return json.Marshal(p.Audience)
}

func (o *templateOptionsModel) toClient() *client.Options {
	if o == nil {
		return nil
	}
	return &client.Options{
		TimeToLive: o.TimeToLive, APNSProduction: o.APNSProduction, APNSCollapseID: stringOrEmpty(o.APNSCollapseID),
		BigPushDuration: o.BigPushDuration, Classification: toIntPtr(o.Classification), TestModel: o.TestModel,
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
	return equivalentPushes(syntheticPush(aud, opts), syntheticPush(sp.Audience, sp.Options))
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
	return equivalentPushes(syntheticPush(aud, nil), syntheticPush(sp.Audience, nil))
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
	pm := pushModelFromClient(p)
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

// audienceGroup names a param's audience kind for the template rules: tag,
// tag_and and tag_not form the group "tag"; a broadcast is "all". mixed
// lists the groups when a param mixes several.
func (a *audienceModel) templateGroup() (group string, mixed []string) {
	if a == nil {
		return "", nil
	}
	if a.All != nil && *a.All {
		return "all", nil
	}
	seen := map[string]bool{}
	for _, k := range a.setKeys() {
		g := k
		if strings.HasPrefix(k, "tag") {
			g = "tag"
		}
		if !seen[g] {
			seen[g] = true
			mixed = append(mixed, g)
		}
	}
	sort.Strings(mixed)
	switch len(mixed) {
	case 0:
		return "", nil
	case 1:
		return mixed[0], nil
	}
	return "", mixed
}

// templateConfigProblems checks JPush's template rules (docs/development/jpush-api.md §5.8)
// on the params, element by element; unknown elements are skipped.
func templateConfigProblems(ctx context.Context, params types.List) diag.Diagnostics {
	var diags diag.Diagnostics
	if params.IsNull() || params.IsUnknown() {
		return diags
	}
	elems := params.Elements()
	traces := map[string]int{}
	firstGroup, firstIdx := "", -1
	regs, aliases := 0, 0
	for i, e := range elems {
		p := paramsPath.AtListIndex(i)
		m, d := templateParamFrom(ctx, e)
		diags.Append(d...)
		if m == nil {
			continue
		}
		if j, dup := traces[m.TraceID]; dup {
			diags.AddAttributeError(p.AtName("trace_id"), "Duplicate trace_id",
				fmt.Sprintf("%s: %q is already the trace_id of params[%d]; trace ids must be unique.", p.AtName("trace_id"), m.TraceID, j))
		} else {
			traces[m.TraceID] = i
		}
		a := m.Audience
		if a == nil {
			continue
		}
		ap := p.AtName("audience")
		// The per-audience rules of jpush_schedule (broadcast alone, not empty, live_activity_id alone),
		// checked on a push of the param's audience with a placeholder alert of its own.
		alert := "x"
		probe := &pushModel{Audience: a, Notification: &notificationModel{Alert: &alert}}
		bad := false
		for _, pr := range probe.problems() {
			diags.AddAttributeError(atNames(p, pr.path...), pr.summary, atNames(p, pr.path...).String()+": "+pr.detail)
			bad = true
		}
		if bad {
			continue
		}
		g, mixed := a.templateGroup()
		if len(mixed) > 0 {
			diags.AddAttributeError(ap, "Mixed audience kinds in a template param",
				fmt.Sprintf("%s combines %s; a template param uses one audience kind (only tag, tag_and and tag_not may be combined).",
					ap, strings.Join(mixed, " and ")))
			continue
		}
		regs += len(a.RegistrationID)
		aliases += len(a.Alias)
		if firstIdx < 0 {
			firstGroup, firstIdx = g, i
		} else if g != firstGroup {
			diags.AddAttributeError(ap, "Mixed audience kinds across template params",
				fmt.Sprintf("%s uses %s but params[%d] uses %s; every param of a template schedule must use the same audience kind.",
					ap, g, firstIdx, firstGroup))
		}
	}
	if firstIdx >= 0 && len(elems) > 1 {
		switch firstGroup {
		case "all", "tag", "segment":
			what := map[string]string{"all": "A broadcast (all = true)", "tag": "A tag audience", "segment": "A segment audience"}[firstGroup]
			diags.AddAttributeError(paramsPath, "Too many template params for this audience",
				fmt.Sprintf("params: %s allows exactly one param, got %d.", what, len(elems)))
		}
	}
	if regs > 1000 {
		diags.AddAttributeError(paramsPath, "Too many registration ids",
			fmt.Sprintf("params: %d registration_id values over all params; JPush allows at most 1000 in total (use a file push beyond that).", regs))
	}
	if aliases > 1000 {
		diags.AddAttributeError(paramsPath, "Too many aliases",
			fmt.Sprintf("params: %d alias values over all params; JPush allows at most 1000 in total.", aliases))
	}
	return diags
}

// triggerPointProblems applies the point rules of trigger.periodical, as
// jpush_schedule's ValidateConfig does.
func triggerPointProblems(ctx context.Context, trigger types.Object) diag.Diagnostics {
	at, problem, diags := pointProblem(ctx, trigger)
	if problem != "" {
		diags.AddAttributeError(at, "Invalid point", fmt.Sprintf("%s: trigger.periodical.point %s.", at, problem))
	}
	return diags
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
	if !known(m) {
		return nil, false
	}
	el := m.Elements()
	out := make([]string, 0, len(params))
	for _, p := range params {
		v, ok := el[p.TraceID].(types.String)
		if !ok || !known(v) {
			return nil, false
		}
		out = append(out, v.ValueString())
	}
	return out, true
}

// parseTemplateImportID parses "id1,id2" or "trace1=id1,trace2=id2".
// tracesGiven tells which form was used (mixing is an error).
func parseTemplateImportID(s string) (traces, ids []string, tracesGiven bool, err error) {
	parts := strings.Split(s, ",")
	seenID, seenTrace := map[string]bool{}, map[string]bool{}
	for i, part := range parts {
		part = strings.TrimSpace(part)
		trace, id, hasTrace := strings.Cut(part, "=")
		if !hasTrace {
			id, trace = part, part
		}
		trace, id = strings.TrimSpace(trace), strings.TrimSpace(id)
		if i == 0 {
			tracesGiven = hasTrace
		} else if hasTrace != tracesGiven {
			return nil, nil, false, fmt.Errorf("write either only schedule ids or only trace_id=schedule_id pairs, not both")
		}
		switch {
		case id == "" || trace == "":
			return nil, nil, false, fmt.Errorf("element %d (%q) is empty", i+1, part)
		case seenID[id]:
			return nil, nil, false, fmt.Errorf("schedule id %q is listed twice", id)
		case seenTrace[trace]:
			return nil, nil, false, fmt.Errorf("trace id %q is listed twice", trace)
		}
		seenID[id], seenTrace[trace] = true, true
		traces, ids = append(traces, trace), append(ids, id)
	}
	return traces, ids, tracesGiven, nil
}
