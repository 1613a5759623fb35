// Package lifecycle holds what jpush_schedule and jpush_template_schedule
// share around a JPush schedule's life: the planned trigger and its checks,
// the lookup of a schedule unless it has ended, forgetting an expired one,
// the app a schedule belongs to, resource identity, and the disable that
// follows a create. Resources embed Base, which gives them the provider's
// data and these steps as methods.
package lifecycle

import "github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"

// Base is embedded by both schedule resources: the provider's data (with
// Configure) and the lifecycle steps both resources take.
type Base struct {
	conn.ResourceBound
}

// NewBase returns a Base whose plan-time checks read the zone holder until
// the provider is configured.
func NewBase(zone *conn.Zone) Base {
	return Base{ResourceBound: conn.ResourceBound{Bound: conn.Bound{Zone: zone}}}
}
