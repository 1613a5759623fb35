package functions

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

type wallClock struct{}

// NewWallClock is provider::jpush::wall_clock(time, time_zone): the
// offset-free wall clock JPush stores for a time.
func NewWallClock() function.Function { return wallClock{} }

func (wallClock) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "wall_clock"
}

func (wallClock) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The wall clock JPush stores for a time",
		MarkdownDescription: "Returns the wall clock `YYYY-MM-DD HH:MM:SS` (no offset) that the provider sends " +
			"to JPush for `time`, and that JPush shows in its console and API: `time` read in `time_zone`. " +
			"A time whose wall clock daylight saving skips or repeats in `time_zone` is an error, as it is " +
			"in a schedule's trigger.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "time",
				MarkdownDescription: "RFC 3339 with an offset (`2027-01-01T09:00:00+08:00`, what `timeadd()` gives) " +
					"or `YYYY-MM-DD HH:MM:SS`, as a trigger's times are written.",
			},
			function.StringParameter{Name: "time_zone", MarkdownDescription: timeZoneDoc},
		},
		Return: function.StringReturn{},
	}
}

func (wallClock) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var s, zone string
	if resp.Error = req.Arguments.Get(ctx, &s, &zone); resp.Error != nil {
		return
	}
	loc, ferr := zoneArg(1, zone)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if p := client.TimeFormatProblem(s); p != "" {
		resp.Error = function.NewArgumentFuncError(0, "time: "+p)
		return
	}
	at, err := client.ParseUnambiguousTime(s, loc)
	var wce *client.WallClockError
	if errors.As(err, &wce) {
		_, detail := client.WallClockProblem(s, wce)
		resp.Error = function.NewArgumentFuncError(0, "time: "+detail)
		return
	}
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "time: "+err.Error())
		return
	}
	resp.Error = resp.Result.Set(ctx, client.FormatWireTime(at, loc))
}
