package provider

import (
	"sync/atomic"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// DefaultTimeZone is the zone JPush reads its offset-free wall-clock times in.
const DefaultTimeZone = "Asia/Shanghai"

// defaultLocation is Asia/Shanghai (client.LoadLocation embeds tzdata, so it
// cannot fail in practice; a fixed +08:00 zone is the last resort).
var defaultLocation = func() *time.Location {
	loc, err := client.LoadLocation(DefaultTimeZone)
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
}

// zoneHolder carries the configured time zone to the plan modifiers, which
// are built with the schema and so cannot see a resource's Configure. One
// holder is shared by a provider instance and every resource it creates;
// until the provider is configured it answers Asia/Shanghai.
type zoneHolder struct {
	loc atomic.Pointer[time.Location]
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
