package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Which JPush app a resource's schedules belong to.
//
// Schedule ids are per app: pointed at another app or endpoint (a CI job
// without JPUSH_ENDPOINT, a wrong workspace variable), every schedule
// answers 404 and would be dropped from the state as "deleted outside
// Terraform" and created again in the other app, while the originals still
// fire. So each resource records, in its private state, the app key and
// endpoint that made (or imported) it, never the master secret; Read fails
// with an error naming both apps when the provider is configured for
// another one, before any request, and Update and Delete refuse likewise.
// State written by older provider versions has no record: Read adopts the
// current app once JPush has returned one of the resource's schedules.
//
// The record is JSON (appRecord), so that a later resource identity can
// take the app key from it.

// appPrivateKey is the private state key of the record.
const appPrivateKey = "jpush_app"

// appRecord names a JPush app and the endpoint that serves it.
type appRecord struct {
	AppKey   string `json:"app_key"`
	Endpoint string `json:"endpoint"`
}

// newAppRecord records app key and endpoint, the endpoint in a canonical
// spelling (lower-case scheme and host, no trailing slash), so that the
// same URL written another way is the same app.
func newAppRecord(appKey, endpoint string) appRecord {
	ep := strings.TrimRight(endpoint, "/")
	if u, err := url.Parse(ep); err == nil && u.Host != "" {
		u.Scheme = strings.ToLower(u.Scheme)
		u.Host = strings.ToLower(u.Host)
		ep = u.String()
	}
	return appRecord{AppKey: appKey, Endpoint: ep}
}

func (a appRecord) String() string {
	return fmt.Sprintf("app %s at %s", a.AppKey, a.Endpoint)
}

// privateState is what the framework's private state offers in every
// request and response (its type is internal to the framework).
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// appDescription names the app the provider is configured for.
func (b *providerBound) appDescription() string {
	if b.data == nil {
		return "the configured app"
	}
	return b.data.App.String()
}

// recordedApp returns the app recorded in priv, nil when there is none.
func recordedApp(ctx context.Context, priv privateState) (*appRecord, diag.Diagnostics) {
	if priv == nil {
		return nil, nil
	}
	raw, diags := priv.GetKey(ctx, appPrivateKey)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var rec appRecord
	if err := json.Unmarshal(raw, &rec); err != nil || rec.AppKey == "" {
		return nil, diags // unreadable: treated as none, then replaced
	}
	return &rec, diags
}

// sameApp reports whether the resource whose private state is priv
// belongs to the app the provider is configured for, with an error naming
// both when it does not. what names the resource ("jpush_schedule ...").
func (b *providerBound) sameApp(ctx context.Context, priv privateState, what string, diags *diag.Diagnostics) bool {
	rec, d := recordedApp(ctx, priv)
	diags.Append(d...)
	if rec == nil || b.data == nil || b.data.App.AppKey == "" || *rec == b.data.App {
		return true
	}
	cur := b.data.App
	diags.AddError("The schedule belongs to another JPush app",
		fmt.Sprintf("%s was made in JPush %s, but the provider is now configured for %s. JPush would answer "+
			"\"not found\" for it there, and Terraform would create it again there while the original still "+
			"fires. Nothing was changed.\n\nCheck app_key and endpoint (or %s and %s) for this run. To move the "+
			"schedules to another app on purpose, follow \"Moving to another app\" in the provider documentation: "+
			"remove them from the state (or destroy them) with the old settings, then apply with the new ones.",
			what, rec, cur, EnvAppKey, EnvEndpoint))
	return false
}

// appPlanCheck is a plan modifier for a resource's id that fails the plan
// of an existing resource recorded for another app: the refresh checks the
// same, but a plan with -refresh=false skips it.
func appPlanCheck(zone *zoneHolder, typeName string) planmodifier.String {
	return appPlanModifier{zone: zone, typeName: typeName}
}

type appPlanModifier struct {
	zone     *zoneHolder
	typeName string // names the resource in the error
}

func (appPlanModifier) Description(context.Context) string {
	return "Fails when the provider is configured for another JPush app than the one that made the resource."
}

func (m appPlanModifier) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m appPlanModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || m.zone == nil {
		return
	}
	if app := m.zone.app.Load(); app != nil {
		b := providerBound{data: &ProviderData{App: *app}}
		b.sameApp(ctx, req.Private, m.typeName+" "+req.StateValue.ValueString(), &resp.Diagnostics)
	}
}

// recordApp records the app the provider is configured for in priv.
func (b *providerBound) recordApp(ctx context.Context, priv privateState, diags *diag.Diagnostics) {
	if priv == nil || b.data == nil || b.data.App.AppKey == "" {
		return
	}
	raw, err := json.Marshal(b.data.App)
	if err == nil {
		diags.Append(priv.SetKey(ctx, appPrivateKey, raw)...)
	}
}

// adoptApp records the current app in priv when it has no record yet
// (state written by an older provider version), once JPush has returned
// one of the resource's schedules.
func (b *providerBound) adoptApp(ctx context.Context, priv privateState, diags *diag.Diagnostics) {
	if rec, _ := recordedApp(ctx, priv); rec == nil {
		b.recordApp(ctx, priv, diags)
	}
}

// templateWhat names a jpush_template_schedule in errors.
func templateWhat(id types.String) string {
	return "jpush_template_schedule " + id.ValueString()
}

// adoptAppOnce adopts the current app for a jpush_template_schedule (see
// adoptApp) once JPush has returned one of its schedules.
func (r *templateScheduleResource) adoptAppOnce(ctx context.Context, fetched []scheduleFetch, resp *resource.ReadResponse) {
	for _, f := range fetched {
		if f.s != nil {
			r.adoptApp(ctx, resp.Private, &resp.Diagnostics)
			return
		}
	}
}
