package datasources

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

var _ datasource.DataSourceWithConfigure = (*SchedulesDataSource)(nil)

// SchedulesDataSource is jpush_schedules.
type SchedulesDataSource struct {
	conn.DataSourceBound
}

// NewSchedules returns the jpush_schedules data source.
func NewSchedules() datasource.DataSource { return &SchedulesDataSource{} }

// SchedulesDataSourceModel is the configuration and result of
// jpush_schedules; its filters are also the jpush_schedule list resource's.
type SchedulesDataSourceModel struct {
	ID          types.String        `tfsdk:"id"`
	Name        types.String        `tfsdk:"name"`
	NamePrefix  types.String        `tfsdk:"name_prefix"`
	Enabled     types.Bool          `tfsdk:"enabled"`
	TriggerKind types.String        `tfsdk:"trigger_kind"`
	Schedules   []scheduleItemModel `tfsdk:"schedules"`
}

type scheduleItemModel struct {
	ID       types.String `tfsdk:"id"`
	Name     types.String `tfsdk:"name"`
	Enabled  types.Bool   `tfsdk:"enabled"`
	Trigger  types.Object `tfsdk:"trigger"`
	PushJSON types.String `tfsdk:"push_json"`
}

func (d *SchedulesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_schedules"
}

const dsTimeDoc = "RFC 3339 with the offset of the provider's `time_zone` (e.g. `2027-01-01T09:00:00+08:00`)."

// dsTriggerAttribute is the computed trigger of a listed schedule; its type
// is the one of the resources' trigger attribute.
func dsTriggerAttribute() schema.SingleNestedAttribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return schema.SingleNestedAttribute{
		Computed:            true,
		MarkdownDescription: "When the schedule fires: exactly one of `single` and `periodical` is set.",
		Attributes: map[string]schema.Attribute{
			"single": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "A one-off schedule; null for a periodical one.",
				Attributes: map[string]schema.Attribute{
					"time": str("When it fires, " + dsTimeDoc),
				},
			},
			"periodical": schema.SingleNestedAttribute{
				Computed:            true,
				MarkdownDescription: "A recurring schedule; null for a single one.",
				Attributes: map[string]schema.Attribute{
					"start":     str("Start of the validity window, " + dsTimeDoc),
					"end":       str("End of the validity window, " + dsTimeDoc),
					"time":      str("Time of day of each firing, `HH:MM:SS`, wall clock in the provider's `time_zone`."),
					"time_unit": str("`day`, `week` or `month` (lower case)."),
					"frequency": schema.Int64Attribute{Computed: true, MarkdownDescription: "Fires every `frequency` units (1..100)."},
					"point": schema.ListAttribute{
						ElementType: types.StringType,
						Computed:    true,
						MarkdownDescription: "Week days (`MON`..`SUN`) or month days (`01`..`31`) as JPush returns them; " +
							"null for `day`.",
					},
				},
			},
		},
	}
}

func (d *SchedulesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every valid (not yet fired or ended) schedule of the app, read across all pages of " +
			"`GET /v3/schedules` (50 per page), in JPush's order (creation time), with optional filters that " +
			"all have to match. Includes schedules made by `jpush_template_schedule` and in the JPush console.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "An identifier of this lookup, made of the filters (`all` without filters).",
			},
			"name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only schedules with exactly this name (case-sensitive).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name_prefix": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only schedules whose name starts with this prefix (case-sensitive).",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only enabled (`true`) or only disabled (`false`) schedules. Omitted: both.",
			},
			"trigger_kind": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only `single` (one-off) or only `periodical` (recurring) schedules. Omitted: both.",
				Validators:          []validator.String{framework.OneOf("trigger kind", "single", "periodical")},
			},
			"schedules": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching schedules, in JPush's order.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "The `schedule_id` (a UUID)."},
						"name":    schema.StringAttribute{Computed: true, MarkdownDescription: "The schedule name."},
						"enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the schedule is active."},
						"trigger": dsTriggerAttribute(),
						"push_json": schema.StringAttribute{
							Computed: true,
							MarkdownDescription: "The Push API v3 payload as canonical JSON (sorted keys; JPush's " +
								"default options `time_to_live = 86400` and `apns_production = true` left out), usable " +
								"as `jpush_schedule`'s `push_json` or with `jsondecode()`.",
						},
					},
				},
			},
		},
	}
}

// rfc3339InZone turns a wire time into RFC 3339 in loc (the wire string is
// kept when it does not parse).
func rfc3339InZone(wire string, loc *time.Location) string {
	t, err := client.ParseTime(wire, loc)
	if err != nil {
		return wire
	}
	return t.In(loc).Format(time.RFC3339)
}

// dsTriggerModel flattens a wire trigger for the data source.
func dsTriggerModel(t client.Trigger, loc *time.Location) *trigger.Model {
	switch {
	case t.Single != nil:
		return &trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue(rfc3339InZone(t.Single.Time, loc))}}
	case t.Periodical != nil:
		p := t.Periodical
		return &trigger.Model{Periodical: &trigger.PeriodicalModel{
			Start:     types.StringValue(rfc3339InZone(p.Start, loc)),
			End:       types.StringValue(rfc3339InZone(p.End, loc)),
			Time:      types.StringValue(p.Time),
			TimeUnit:  types.StringValue(strings.ToLower(p.TimeUnit)),
			Frequency: types.Int64Value(int64(p.Frequency)),
			Point:     framework.StringList(p.Point),
		}}
	}
	return nil
}

func (d *SchedulesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.Configured(&resp.Diagnostics) {
		return
	}
	var cfg SchedulesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.Client().ListAllSchedules(ctx)
	if err != nil {
		conn.AddAPIError(&resp.Diagnostics, "Cannot list the JPush schedules", err)
		return
	}
	loc := d.Loc()
	out := make([]scheduleItemModel, 0, len(all))
	for _, s := range all {
		if !ScheduleMatches(&cfg, &s) {
			continue
		}
		tm := dsTriggerModel(s.Trigger, loc)
		trig, diags := trigger.ObjectFrom(ctx, tm)
		resp.Diagnostics.Append(diags...)
		pj := types.StringNull()
		if len(s.Push) > 0 {
			canon, err := client.CanonicalPush(s.Push)
			if err != nil {
				canon = s.Push
			}
			pj = types.StringValue(string(canon))
		}
		out = append(out, scheduleItemModel{
			ID: types.StringValue(s.ID), Name: types.StringValue(s.Name), Enabled: types.BoolValue(s.Enabled),
			Trigger: trig, PushJSON: pj,
		})
	}
	cfg.Schedules = out
	cfg.ID = types.StringValue(schedulesLookupID(&cfg))
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// ScheduleMatches reports whether s passes every filter set in cfg (name,
// name_prefix, enabled, trigger_kind); the list resource filters with it too.
func ScheduleMatches(cfg *SchedulesDataSourceModel, s *client.Schedule) bool {
	if framework.Known(cfg.Name) && s.Name != cfg.Name.ValueString() {
		return false
	}
	if framework.Known(cfg.NamePrefix) && !strings.HasPrefix(s.Name, cfg.NamePrefix.ValueString()) {
		return false
	}
	if framework.Known(cfg.Enabled) && s.Enabled != cfg.Enabled.ValueBool() {
		return false
	}
	if framework.Known(cfg.TriggerKind) {
		kind := ""
		switch {
		case s.Trigger.Single != nil:
			kind = "single"
		case s.Trigger.Periodical != nil:
			kind = "periodical"
		}
		if kind != cfg.TriggerKind.ValueString() {
			return false
		}
	}
	return true
}

func schedulesLookupID(cfg *SchedulesDataSourceModel) string {
	var parts []string
	if framework.Known(cfg.Name) {
		parts = append(parts, "name="+cfg.Name.ValueString())
	}
	if framework.Known(cfg.NamePrefix) {
		parts = append(parts, "name_prefix="+cfg.NamePrefix.ValueString())
	}
	if framework.Known(cfg.Enabled) {
		parts = append(parts, fmt.Sprintf("enabled=%t", cfg.Enabled.ValueBool()))
	}
	if framework.Known(cfg.TriggerKind) {
		parts = append(parts, "trigger_kind="+cfg.TriggerKind.ValueString())
	}
	if len(parts) == 0 {
		return "all"
	}
	return strings.Join(parts, ",")
}
