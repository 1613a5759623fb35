package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/datasources"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/schedule"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/templateschedule"
)

var _ provider.ProviderWithListResources = (*jpushProvider)(nil)

// ListResources lists the provider's list resources.
func (p *jpushProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		func() list.ListResource { return schedule.NewListResource(p.zone) },
	}
}

var _ provider.Provider = (*jpushProvider)(nil)

// jpushProvider is the provider. zone is shared with every resource it
// creates (see conn.Zone). newClient builds the API client from the
// provider block's settings: client.New, unless the provider was made with
// another constructor (newProvider).
type jpushProvider struct {
	version   string
	zone      *conn.Zone
	newClient func(client.Config) (*client.Client, error)
}

// New returns the provider factory for providerserver.Serve and tests.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return newProvider(version, client.New) }
}

// newProvider returns a provider whose Configure builds its client with
// newClient.
func newProvider(version string, newClient func(client.Config) (*client.Client, error)) *jpushProvider {
	return &jpushProvider{version: version, zone: &conn.Zone{}, newClient: newClient}
}

type providerModel struct {
	AppKey         types.String `tfsdk:"app_key"`
	MasterSecret   types.String `tfsdk:"master_secret"`
	Endpoint       types.String `tfsdk:"endpoint"`
	TimeZone       types.String `tfsdk:"time_zone"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

func (p *jpushProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "jpush"
	resp.Version = p.version
}

func (p *jpushProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manage JPush (极光推送) scheduled pushes (Schedule API v3) as code.",
		Attributes: map[string]schema.Attribute{
			"app_key": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The app's AppKey (24 letters and digits, from the JPush console). " +
					"Env `" + conn.EnvAppKey + "`. Required one way or the other.",
			},
			"master_secret": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "The app's Master Secret. Sensitive: never logged, never stored in state. " +
					"Env `" + conn.EnvMasterSecret + "`. Required one way or the other.",
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Base URL of the JPush API. Default `" + client.DefaultEndpoint + "`; env `" +
					conn.EnvEndpoint + "`. Must be `https`, except `http` to a loopback host (`127.0.0.0/8`, `::1`, " +
					"`localhost`), e.g. the local emulator `http://127.0.0.1:18080`. Apps in JPush's Beijing data centre " +
					"use `https://bjapi.push.jiguang.cn`; the provider then uses that host's `/v3/push/schedules` paths.",
				Validators: []validator.String{framework.EndpointValidator()},
			},
			"time_zone": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "IANA time zone of JPush's servers (not yours): the zone in which JPush reads its offset-free `YYYY-MM-DD HH:MM:SS` " +
					"times and the periodical `HH:MM:SS`. Default `" + client.DefaultTimeZone + "`. Times written with an " +
					"offset (RFC 3339) are converted to this zone before they are sent.",
				Validators: []validator.String{framework.TimeZoneValidator()},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a failed request (network error, HTTP 429, 5xx) "+
					"is retried with exponential backoff and jitter; 0..10, default %d; `0` disables retries. "+
					"`jpush_schedule` creates stay idempotent across retries (each carries a CID); a "+
					"`jpush_template_schedule` create has no CID and is never retried once it may have reached JPush.",
					client.DefaultMaxRetries),
				Validators: []validator.Int64{framework.IntBetween(0, 10)},
			},
			"request_timeout": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Timeout of each HTTP attempt, a Go duration string between `1s` and `5m`; " +
					"default `" + client.DefaultRequestTimeout.String() + "`.",
				Validators: []validator.String{framework.DurationValidator(time.Second, 5*time.Minute)},
			},
		},
	}
}

// Configure reads the provider block (and the environment), checks every
// setting, and hands the resources and data sources their client. Each
// step below adds attribute-scoped errors; nothing is built while any
// setting is wrong.
func (p *jpushProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.refuseUnknown(&resp.Diagnostics); resp.Diagnostics.HasError() {
		return
	}
	appKey, secret, endpoint := cfg.credentials(&resp.Diagnostics)
	loc := cfg.location(&resp.Diagnostics)
	retries, timeout := cfg.transport(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	c, err := p.newClient(client.Config{
		Endpoint:       endpoint,
		AppKey:         appKey,
		MasterSecret:   secret,
		UserAgent:      "terraform-provider-jpush/" + p.version + " (+https://registry.terraform.io/providers/jpushtf/jpush)",
		MaxRetries:     retries,
		RequestTimeout: timeout,
		Logger:         tflogLogger{},
	})
	if err != nil {
		resp.Diagnostics.AddError("Cannot create the JPush client", err.Error())
		return
	}
	p.zone.Set(loc)
	data := &conn.ProviderData{Client: c, Location: loc, App: conn.NewAppRecord(appKey, endpoint), Endpoint: endpoint}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

// refuseUnknown adds an error for every setting not known at plan time:
// the provider needs them all to plan (the credentials check, JPush's
// clock, the time zone of every wall clock).
func (cfg *providerModel) refuseUnknown(diags *diag.Diagnostics) {
	unknown := func(v attr.Value, name, env string) {
		if !v.IsUnknown() {
			return
		}
		detail := "The value of " + name + " is not known until apply, but the provider needs it to plan. " +
			"Set it to a value known at plan time"
		if env != "" {
			detail += ", or remove it and set the " + env + " environment variable"
		}
		diags.AddAttributeError(path.Root(name), "Unknown JPush provider "+name, detail+".")
	}
	unknown(cfg.AppKey, "app_key", conn.EnvAppKey)
	unknown(cfg.MasterSecret, "master_secret", conn.EnvMasterSecret)
	unknown(cfg.Endpoint, "endpoint", conn.EnvEndpoint)
	unknown(cfg.TimeZone, "time_zone", "")
	unknown(cfg.MaxRetries, "max_retries", "")
	unknown(cfg.RequestTimeout, "request_timeout", "")
}

// credentials are the app key, master secret and endpoint, each from the
// block or else its environment variable. The endpoint is never echoed
// with user info in it (quoteEndpoint).
func (cfg *providerModel) credentials(diags *diag.Diagnostics) (appKey, secret, endpoint string) {
	appKey = stringOrEnv(cfg.AppKey, conn.EnvAppKey, "")
	secret = stringOrEnv(cfg.MasterSecret, conn.EnvMasterSecret, "")
	endpoint = stringOrEnv(cfg.Endpoint, conn.EnvEndpoint, client.DefaultEndpoint)

	if appKey == "" {
		diags.AddAttributeError(path.Root("app_key"), "Missing JPush app key",
			"Set app_key in the provider block or the "+conn.EnvAppKey+" environment variable to the app's AppKey "+
				"(JPush console, application settings).")
	}
	if strings.ContainsAny(appKey, ":\r\n") {
		diags.AddAttributeError(path.Root("app_key"), "Invalid JPush app key",
			"app_key: the AppKey must not contain a colon or a line break (JPush AppKeys are 24 letters and digits).")
	}
	if secret == "" {
		diags.AddAttributeError(path.Root("master_secret"), "Missing JPush master secret",
			"Set master_secret in the provider block or the "+conn.EnvMasterSecret+" environment variable to the "+
				"app's Master Secret (JPush console, application settings).")
	}
	if err := framework.CheckEndpoint(endpoint); err != nil {
		where := "endpoint: "
		if cfg.Endpoint.IsNull() {
			where = "endpoint (from the " + conn.EnvEndpoint + " environment variable): "
		}
		msg := fmt.Sprintf("%s%s %s.", where, framework.QuoteEndpoint(endpoint), err)
		if framework.HasCredentials(endpoint) {
			// Not attribute-scoped: Terraform would print the source line,
			// password included.
			diags.AddError("Invalid JPush endpoint", msg)
		} else {
			diags.AddAttributeError(path.Root("endpoint"), "Invalid JPush endpoint", msg)
		}
	}
	return appKey, secret, endpoint
}

// location is the time_zone every wall clock is read in (JPush's own,
// Asia/Shanghai, by default).
func (cfg *providerModel) location(diags *diag.Diagnostics) *time.Location {
	if cfg.TimeZone.IsNull() {
		return framework.DefaultLocation
	}
	l, err := client.LoadLocation(cfg.TimeZone.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("time_zone"), "Invalid time zone",
			fmt.Sprintf("%q is not an IANA time zone name (such as Asia/Shanghai): %s", cfg.TimeZone.ValueString(), err))
		return framework.DefaultLocation
	}
	return l
}

// transport is the retry budget and the per-request timeout. client.Config
// takes MaxRetries as given (0 = no retries, like max_retries = 0), so the
// default is filled in here.
func (cfg *providerModel) transport(diags *diag.Diagnostics) (retries int, timeout time.Duration) {
	retries = client.DefaultMaxRetries
	if !cfg.MaxRetries.IsNull() {
		retries = int(cfg.MaxRetries.ValueInt64())
	}
	timeout = client.DefaultRequestTimeout
	if !cfg.RequestTimeout.IsNull() {
		d, err := framework.ParseDuration(cfg.RequestTimeout.ValueString(), time.Second, 5*time.Minute)
		if err != nil {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", err.Error())
		}
		timeout = d
	}
	return retries, timeout
}

// Resources lists the provider's resources. Add new ones here.
func (p *jpushProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return schedule.NewResource(p.zone) },
		func() resource.Resource { return templateschedule.NewResource(p.zone) },
	}
}

// DataSources lists the provider's data sources. Add new ones here.
func (p *jpushProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{datasources.NewSchedules, datasources.NewScheduleMsgIDs}
}

func stringOrEnv(v types.String, env, def string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	if s := os.Getenv(env); s != "" {
		return s
	}
	return def
}
