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
	// typeName is the resource type ("jpush_schedule"), for messages.
	typeName string
}

// NewBase returns a Base for the resource type typeName whose plan-time
// checks read the zone holder until the provider is configured.
func NewBase(zone *conn.Zone, typeName string) Base {
	return Base{ResourceBound: conn.ResourceBound{Bound: conn.Bound{Zone: zone}}, typeName: typeName}
}

// Label names one resource in messages: "jpush_schedule <id>".
func (b *Base) Label(id string) string { return label(b.typeName, id) }

func label(typeName, id string) string { return typeName + " " + id }
