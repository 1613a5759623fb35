// Package functions holds the provider's Terraform functions
// (provider::jpush::...), which need no JPush app and no provider
// configuration: next_pushes, when a trigger pushes, and wall_clock, the
// wall clock JPush stores for a time. They compute with internal/client and
// internal/rules, the code the resources plan with and the emulator fires
// by, so what they show is what the provider sends and what JPush (the
// emulator standing in for it) does. The package depends on
// terraform-plugin-framework, internal/client and internal/rules only,
// never on internal/provider, which registers it (provider_functions.go).
package functions

import (
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// All is every function of the provider, for
// provider.ProviderWithFunctions.
func All() []func() function.Function {
	return []func() function.Function{NewNextPushes, NewWallClock}
}

// timeZoneDoc describes a time_zone argument.
const timeZoneDoc = "The IANA time zone JPush reads wall clocks in: the provider's `time_zone` (default " +
	"`Asia/Shanghai`), which a function cannot read from the provider block."

// zones caches the zones loaded: loading one parses its tzdata, and a
// configuration calls the functions with the same zone over and over.
var zones sync.Map // name => *time.Location

// zoneArg loads the time_zone argument at index i, with the provider's
// words for a bad time_zone.
func zoneArg(i int64, name string) (*time.Location, *function.FuncError) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	if p := client.TimeZoneProblem(name); p != "" {
		return nil, function.NewArgumentFuncError(i, "time_zone: "+p)
	}
	loc, err := client.LoadLocation(name)
	if err != nil {
		return nil, function.NewArgumentFuncError(i, "time_zone: "+err.Error())
	}
	zones.Store(name, loc)
	return loc, nil
}

// instantArg parses an RFC 3339 instant argument.
func instantArg(i int64, name, s string) (time.Time, *function.FuncError) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, function.NewArgumentFuncError(i, fmt.Sprintf(
			"%s: %q is not an RFC 3339 instant with an offset, such as 2027-01-01T00:00:00+08:00 "+
				"(plantimestamp() and timestamp() give one).", name, s))
	}
	return t, nil
}
