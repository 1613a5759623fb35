package conn

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// ProviderDataFrom converts the provider data a resource receives, with a
// clear error if it is of the wrong type.
func ProviderDataFrom(data any) (*ProviderData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if data == nil {
		return nil, diags
	}
	pd, ok := data.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *provider.ProviderData, got %T. Please report this issue to the provider developers.", data))
		return nil, diags
	}
	return pd, diags
}

// ProviderData is what the provider hands to every resource and data source
// in their Configure method.
type ProviderData struct {
	Client   *client.Client
	Location *time.Location
	// App is the app key and endpoint the client talks to (conn/app.go, lifecycle/app.go).
	App AppRecord

	ClockProbe sync.Mutex // one plan-time probe of JPush's clock at a time (see lifecycle.Base.PlanClock)

	Endpoint       string           // for the credentials check's messages
	verify         sync.Once        // the credentials check, once per configured provider (CheckCredentials)
	VerifyDiags    diag.Diagnostics // its outcome
	verifyReported sync.Once        // its outcome is reported once, not by every resource

	// The app's schedules as one plan that creates sees them (Unmanaged),
	// and the ids that resources of this run read or created.
	listOnce sync.Once
	listed   []client.Schedule
	listErr  error
	managed  sync.Map
}

// Zone carries the configured time zone to the plan modifiers, which
// are built with the schema and so cannot see a resource's Configure. One
// holder is shared by a provider instance and every resource it creates;
// until the provider is configured it answers Asia/Shanghai.
type Zone struct {
	loc atomic.Pointer[time.Location]
	App atomic.Pointer[AppRecord] // the configured app, for appPlanCheck
}

// Location returns the configured zone, or Asia/Shanghai.
func (z *Zone) Location() *time.Location {
	if z != nil {
		if l := z.loc.Load(); l != nil {
			return l
		}
	}
	return framework.DefaultLocation
}

func (z *Zone) Set(loc *time.Location) {
	if z != nil && loc != nil {
		z.loc.Store(loc)
	}
}

// ServerNow is "now" as JPush sees it: the Date header of the client's most
// recent response when there is one, else the local clock.
func ServerNow(c *client.Client) time.Time {
	if c != nil {
		if t, ok := c.ServerTime(); ok {
			return t
		}
	}
	return time.Now()
}

// Bound is what every resource and data source keeps of the
// provider: the data handed to Configure, and the zone holder for the time
// before it. Resources embed it through ResourceBound (in lifecycle.Base), data sources through
// dataSourceBound, which add the Configure method of their kind.
type Bound struct {
	Zone *Zone // shared with the plan modifiers; nil for data sources
	Data *ProviderData
}

// Bind keeps the provider data of a Configure call (nil before the provider
// is configured).
func (b *Bound) Bind(providerData any, diags *diag.Diagnostics) {
	pd, d := ProviderDataFrom(providerData)
	diags.Append(d...)
	if pd != nil {
		b.Data = pd
		if b.Zone != nil {
			b.Zone.App.Store(&pd.App)
		}
	}
}

// Loc is the provider's time zone: the configured one, else the zone
// holder's (Asia/Shanghai until the provider is configured).
func (b *Bound) Loc() *time.Location {
	if b.Data != nil && b.Data.Location != nil {
		return b.Data.Location
	}
	return b.Zone.Location()
}

// Client is the configured API client, or nil.
func (b *Bound) Client() *client.Client {
	if b.Data == nil {
		return nil
	}
	return b.Data.Client
}

// Configured reports whether the provider was configured, with an error
// diagnostic when it was not.
func (b *Bound) Configured(diags *diag.Diagnostics) bool {
	if b.Client() == nil {
		diags.AddError("Provider not configured",
			"The JPush provider was not configured before use. Please report this issue to the provider developers.")
		return false
	}
	return true
}

// ResourceBound gives a resource its Configure.
type ResourceBound struct{ Bound }

func (b *ResourceBound) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.Bind(req.ProviderData, &resp.Diagnostics)
}

// DataSourceBound gives a data source its Configure.
type DataSourceBound struct{ Bound }

func (b *DataSourceBound) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.Bind(req.ProviderData, &resp.Diagnostics)
}

// NoteManaged records ids of schedules that a resource of this run read,
// imported or created: Unmanaged leaves them out.
func (b *Bound) NoteManaged(ids ...string) {
	if b.Data == nil {
		return
	}
	for _, id := range ids {
		b.Data.managed.Store(id, true)
	}
}

// Unmanaged returns the app's valid schedules that no resource of this run
// has read, imported or created. The list is read once per configured
// provider (one plan or apply), from the snapshot the refresh's reads share
// when it is fresh: all pages, never a GET.
func (b *Bound) Unmanaged(ctx context.Context) ([]client.Schedule, error) {
	c := b.Client()
	if c == nil {
		return nil, nil
	}
	d := b.Data
	d.listOnce.Do(func() {
		if len(d.VerifyDiags) > 0 {
			// The credentials check failed or could not tell: a JPush that
			// did not answer it is not asked for a whole list on top.
			d.listErr = errors.New("JPush did not answer the credentials check")
			return
		}
		d.listed, d.listErr = c.ListedSchedules(ctx)
	})
	if d.listErr != nil {
		return nil, d.listErr
	}
	var out []client.Schedule
	for _, s := range d.listed {
		if _, ok := d.managed.Load(s.ID); !ok {
			out = append(out, s)
		}
	}
	return out, nil
}
