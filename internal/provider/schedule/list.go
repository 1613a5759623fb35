package schedule

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/datasources"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// The jpush_schedule list resource, for `terraform query` (Terraform 1.14+):
// it finds every schedule of the app, including those made in the JPush
// console, so that they can be imported in bulk with generated
// configuration.

var _ list.ListResourceWithConfigure = (*scheduleListResource)(nil)

// scheduleListResource is the jpush_schedule list resource.
type scheduleListResource struct {
	lifecycle.Base
}

// NewListResource returns the jpush_schedule list resource.
func NewListResource(zone *conn.Zone) list.ListResource {
	return &scheduleListResource{lifecycle.NewBase(zone, "jpush_schedule")}
}

// scheduleListModel is the list block's configuration: the filters of the
// jpush_schedules data source, which all have to match.
type scheduleListModel struct {
	Name        types.String `tfsdk:"name"`
	NamePrefix  types.String `tfsdk:"name_prefix"`
	Enabled     types.Bool   `tfsdk:"enabled"`
	TriggerKind types.String `tfsdk:"trigger_kind"`
}

func (l *scheduleListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_schedule"
}

func (l *scheduleListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every valid (not yet fired or ended) schedule of the app, read 50 a page from " +
			"`GET /v3/schedules` in JPush's order (creation time), with optional filters that all have to match. " +
			"Finds schedules made in the JPush console and by `jpush_template_schedule` as well. Each result is " +
			"the schedule's identity and, with `include_resource = true`, the whole `jpush_schedule` as an import " +
			"would read it: configuration generated from it plans no change once imported.",
		Attributes: map[string]schema.Attribute{
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
		},
	}
}

// List streams the matching schedules page by page: a page is read only
// when Terraform has taken the results of the one before, and reading stops
// as soon as Terraform wants no more (its limit, or an error). Every page
// is one request through the client, hence within its rate limiter.
func (l *scheduleListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var diags diag.Diagnostics
	if !l.Configured(&diags) {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var cfg scheduleListModel
	diags.Append(req.Config.Get(ctx, &cfg)...)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	filter := &datasources.SchedulesDataSourceModel{
		Name: cfg.Name, NamePrefix: cfg.NamePrefix, Enabled: cfg.Enabled, TriggerKind: cfg.TriggerKind,
	}
	stream.Results = func(pushed func(list.ListResult) bool) {
		seen := map[string]bool{} // a create while paging may shift a schedule onto the next page
		sent := int64(0)
		for page := 1; page <= maxListResourcePages; page++ {
			res, err := l.Client().ListSchedules(ctx, page)
			if err != nil {
				var d diag.Diagnostics
				conn.AddAPIError(&d, fmt.Sprintf("Cannot list the JPush schedules (page %d)", page), err)
				pushed(list.ListResult{Diagnostics: d})
				return
			}
			for i := range res.Schedules {
				s := &res.Schedules[i]
				if seen[s.ID] || !datasources.ScheduleMatches(filter, s) {
					continue
				}
				seen[s.ID] = true
				if !pushed(l.result(ctx, req, s)) {
					return
				}
				// Terraform's limit: the framework leaves it to the provider,
				// which then reads no page it does not need.
				if sent++; req.Limit > 0 && sent >= req.Limit {
					return
				}
			}
			if len(res.Schedules) == 0 || page >= res.TotalPages {
				return
			}
		}
		pushed(list.ListResult{Diagnostics: diag.Diagnostics{diag.NewErrorDiagnostic(
			"Cannot list the JPush schedules", fmt.Sprintf("JPush returned more than %d pages.", maxListResourcePages))}})
	}
}

// maxListResourcePages guards against a server that never stops paging
// (JPush holds at most a few hundred valid schedules an app).
const maxListResourcePages = 1000

// result is one listed schedule: its identity, a display name, and with
// include_resource the resource as an import reads it.
func (l *scheduleListResource) result(ctx context.Context, req list.ListRequest, s *client.Schedule) list.ListResult {
	r := req.NewListResult(ctx)
	r.DisplayName = s.Name
	r.Diagnostics.Append(r.Identity.Set(ctx, scheduleIdentityModel{
		ID: types.StringValue(s.ID), AppKey: l.AppKeyValue(),
	})...)
	if req.IncludeResource && !r.Diagnostics.HasError() {
		m, d := importedScheduleModel(ctx, s, l.Loc(), conn.ServerNow(l.Client()))
		r.Diagnostics.Append(d...)
		if !r.Diagnostics.HasError() {
			r.Diagnostics.Append(r.Resource.Set(ctx, m)...)
		}
	}
	return r
}

// importedScheduleModel is the state an import of s reads: the conversion
// of scheduleResource.Read for a state that holds only the id (its
// triggerModelFromClient without a prior trigger, and its readPush, which
// picks the typed push when it holds everything JPush returned and
// push_json otherwise). TestListSchedule_resourceIsImportRead checks that
// both give the same object.
func importedScheduleModel(ctx context.Context, s *client.Schedule, loc *time.Location, now time.Time) (*scheduleModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	state := scheduleModel{
		ID:       types.StringValue(s.ID),
		Name:     types.StringNull(),
		Enabled:  types.BoolNull(),
		Trigger:  types.ObjectNull(trigger.AttrTypes()),
		Push:     types.ObjectNull(push.AttrTypes()),
		PushJSON: push.NewJSONNull(),
		Expired:  types.BoolNull(),
	}
	next := state
	next.Name = types.StringValue(s.Name)
	next.Enabled = types.BoolValue(s.Enabled)
	tm := trigger.ModelFromClient(ctx, s.Trigger, nil, loc)
	if tm == nil {
		diags.AddError("Unexpected JPush schedule", "The schedule "+s.ID+" has neither a single nor a periodical trigger.")
		return nil, diags
	}
	var d diag.Diagnostics
	next.Trigger, d = trigger.ObjectFrom(ctx, tm)
	diags.Append(d...)
	_, d = (&scheduleResource{}).readPush(ctx, &state, &next, s.Push)
	diags.Append(d...)
	next.Expired = types.BoolValue(tm.HasEnded(loc, now))
	return &next, diags
}
