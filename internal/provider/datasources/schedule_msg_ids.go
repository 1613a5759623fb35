package datasources

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
)

var _ datasource.DataSourceWithConfigure = (*ScheduleMsgIDsDataSource)(nil)

// ScheduleMsgIDsDataSource is jpush_schedule_msg_ids.
type ScheduleMsgIDsDataSource struct {
	conn.DataSourceBound
}

// NewScheduleMsgIDs returns the jpush_schedule_msg_ids data source.
func NewScheduleMsgIDs() datasource.DataSource { return &ScheduleMsgIDsDataSource{} }

type scheduleMsgIDsModel struct {
	ID         types.String      `tfsdk:"id"`
	ScheduleID types.String      `tfsdk:"schedule_id"`
	Count      types.Int64       `tfsdk:"msg_count"`
	MsgIDs     []msgIDEntryModel `tfsdk:"msg_ids"`
}

type msgIDEntryModel struct {
	MsgID        types.String      `tfsdk:"msg_id"`
	ErrorCode    types.Int64       `tfsdk:"error_code"`
	ErrorMessage types.String      `tfsdk:"error_message"`
	NeedRetry    types.Bool        `tfsdk:"need_retry"`
	SentAt       timetypes.RFC3339 `tfsdk:"sent_at"`
}

func (d *ScheduleMsgIDsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_schedule_msg_ids"
}

func (d *ScheduleMsgIDsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The message ids a schedule produced, one per run (`GET /v3/schedules/{id}/msg_ids`). " +
			"Both of JPush's formats are read: the old one (schedules created before September 2018: bare msg_id " +
			"strings) and the new one (an object per run with msg_id, error and needRetry, plus the run time " +
			"since March 2022). JPush may stop answering for a schedule that has fired or ended: the data source then " +
			"returns no entries and a warning rather than failing every plan of the configuration that reads it.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Same as `schedule_id`.",
			},
			"schedule_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The `schedule_id` of the schedule, e.g. `jpush_schedule.x.id`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"msg_count": schema.Int64Attribute{
				Computed: true,
				MarkdownDescription: "The number of runs JPush reports (its `count` field; the number of entries when " +
					"JPush sends none). Named `msg_count` because `count` is a reserved name in Terraform.",
			},
			"msg_ids": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "One entry per run, in JPush's order.",
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"msg_id": schema.StringAttribute{Computed: true, MarkdownDescription: "The message id of the run."},
						"error_code": schema.Int64Attribute{
							Computed:            true,
							MarkdownDescription: "`0` for a successful run, else JPush's error code (`0` for old-format entries).",
						},
						"error_message": schema.StringAttribute{
							Computed:            true,
							MarkdownDescription: "JPush's error message; empty for a successful run and for old-format entries.",
						},
						"need_retry": schema.BoolAttribute{
							Computed:            true,
							MarkdownDescription: "Whether JPush marks the failed run for retry (`needRetry`; `false` for old-format entries).",
						},
						"sent_at": schema.StringAttribute{
							CustomType: timetypes.RFC3339Type{},
							Computed:   true,
							MarkdownDescription: "When the run executed, RFC 3339 in the provider's `time_zone`; null for " +
								"old-format entries and for runs before March 2022 (JPush did not record it).",
						},
					},
				},
			},
		},
	}
}

func (d *ScheduleMsgIDsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !d.Configured(&resp.Diagnostics) {
		return
	}
	var cfg scheduleMsgIDsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ScheduleID.ValueString()
	m, err := d.Client().GetMsgIDs(ctx, id)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddWarning("JPush does not know the schedule "+id,
			"JPush answered 404 for its message ids: the schedule has fired or ended and JPush no longer keeps it, "+
				"or it was deleted, or the id is wrong. No message ids are returned.")
		m, err = &client.MsgIDs{}, nil
	}
	if err != nil {
		conn.AddAPIError(&resp.Diagnostics, "Cannot read the message ids of the JPush schedule "+id, err)
		return
	}
	loc := d.Loc()
	cfg.ID = types.StringValue(id)
	cfg.Count = types.Int64Value(int64(m.Count))
	cfg.MsgIDs = make([]msgIDEntryModel, 0, len(m.Items))
	for _, it := range m.Items {
		sent := timetypes.NewRFC3339Null()
		if it.RunAt != nil {
			sent = timetypes.NewRFC3339TimeValue(it.RunAt.In(loc))
		}
		cfg.MsgIDs = append(cfg.MsgIDs, msgIDEntryModel{
			MsgID: types.StringValue(it.MsgID), ErrorCode: types.Int64Value(int64(it.ErrorCode)),
			ErrorMessage: types.StringValue(it.ErrorMessage), NeedRetry: types.BoolValue(it.NeedRetry), SentAt: sent,
		})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
