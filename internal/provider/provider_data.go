package provider

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// defaultLocation is client.DefaultTimeZone, Asia/Shanghai (client.LoadLocation
// embeds tzdata, so it cannot fail in practice; a fixed +08:00 zone is the
// last resort).
var defaultLocation = func() *time.Location {
	loc, err := client.LoadLocation(client.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// ProviderData is what the provider hands to every resource and data source
// in their Configure method.
type ProviderData struct {
	Client   *client.Client
	Location *time.Location
	// App is the app key and endpoint the client talks to (resource_app.go).
	App appRecord

	clockProbe sync.Mutex // one plan-time probe of JPush's clock at a time (see planClock)

	endpoint     string           // for the credentials check's messages
	verify       sync.Once        // the credentials check, once per configured provider (checkCredentials)
	verifyDiags  diag.Diagnostics // its outcome
	verifyWarned sync.Once        // its warnings are shown once, not by every resource
}

// zoneHolder carries the configured time zone to the plan modifiers, which
// are built with the schema and so cannot see a resource's Configure. One
// holder is shared by a provider instance and every resource it creates;
// until the provider is configured it answers Asia/Shanghai.
type zoneHolder struct {
	loc atomic.Pointer[time.Location]
	app atomic.Pointer[appRecord] // the configured app, for appPlanCheck
}

// Location returns the configured zone, or Asia/Shanghai.
func (z *zoneHolder) Location() *time.Location {
	if z != nil {
		if l := z.loc.Load(); l != nil {
			return l
		}
	}
	return defaultLocation
}

func (z *zoneHolder) set(loc *time.Location) {
	if z != nil && loc != nil {
		z.loc.Store(loc)
	}
}

// serverNow is "now" as JPush sees it: the Date header of the client's most
// recent response when there is one, else the local clock.
func serverNow(c *client.Client) time.Time {
	if c != nil {
		if t, ok := c.ServerTime(); ok {
			return t
		}
	}
	return time.Now()
}

// providerBound is what every resource and data source keeps of the
// provider: the data handed to Configure, and the zone holder for the time
// before it. Resources embed it through resourceBound, data sources through
// dataSourceBound, which add the Configure method of their kind.
type providerBound struct {
	zone *zoneHolder // shared with the plan modifiers; nil for data sources
	data *ProviderData
}

// bind keeps the provider data of a Configure call (nil before the provider
// is configured).
func (b *providerBound) bind(providerData any, diags *diag.Diagnostics) {
	pd, d := providerDataFrom(providerData)
	diags.Append(d...)
	if pd != nil {
		b.data = pd
		if b.zone != nil {
			b.zone.app.Store(&pd.App)
		}
	}
}

// loc is the provider's time zone: the configured one, else the zone
// holder's (Asia/Shanghai until the provider is configured).
func (b *providerBound) loc() *time.Location {
	if b.data != nil && b.data.Location != nil {
		return b.data.Location
	}
	return b.zone.Location()
}

// client is the configured API client, or nil.
func (b *providerBound) client() *client.Client {
	if b.data == nil {
		return nil
	}
	return b.data.Client
}

// configured reports whether the provider was configured, with an error
// diagnostic when it was not.
func (b *providerBound) configured(diags *diag.Diagnostics) bool {
	if b.client() == nil {
		diags.AddError("Provider not configured",
			"The JPush provider was not configured before use. Please report this issue to the provider developers.")
		return false
	}
	return true
}

// resourceBound gives a resource its Configure.
type resourceBound struct{ providerBound }

func (b *resourceBound) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.bind(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBound gives a data source its Configure.
type dataSourceBound struct{ providerBound }

func (b *dataSourceBound) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.bind(req.ProviderData, &resp.Diagnostics)
}
