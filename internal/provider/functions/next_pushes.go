package functions

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// MaxPushes bounds next_pushes' count.
const MaxPushes = 100

// The argument indexes of next_pushes.
const (
	argTrigger int64 = iota
	argTimeZone
	argAfter
	argCount
)

type nextPushes struct{}

// NewNextPushes is provider::jpush::next_pushes(trigger, time_zone, after,
// count): the next count push instants of a trigger strictly after after.
func NewNextPushes() function.Function { return nextPushes{} }

func (nextPushes) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "next_pushes"
}

func (nextPushes) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The next push instants of a schedule's trigger",
		MarkdownDescription: "Returns the next `count` instants at which a `trigger` of `jpush_schedule` or " +
			"`jpush_template_schedule` pushes, strictly after `after`, earliest first, as RFC 3339 with the " +
			"offset of `time_zone`; fewer when the trigger ends first (a `single` trigger pushes once). " +
			"It computes them as the provider plans and as JPush (by the emulator's decisions) fires: " +
			"periods counted from `start`, days a month lacks skipped, and on a day when daylight saving " +
			"skips the time of day, the same time past the jump; when it repeats it, the earlier. " +
			"A trigger JPush would reject is an error in the words of the resource's plan.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "trigger",
				MarkdownDescription: "The `trigger` object as written in `jpush_schedule` (`{ single = { time = ... } }` " +
					"or `{ periodical = { start, end, time, time_unit, frequency, point } }`, times in any format " +
					"the resource accepts), or a resource's `trigger` attribute.",
			},
			function.StringParameter{Name: "time_zone", MarkdownDescription: timeZoneDoc},
			function.StringParameter{
				Name:                "after",
				MarkdownDescription: "An RFC 3339 instant, such as `plantimestamp()`: only pushes strictly after it are returned.",
			},
			function.Int64Parameter{
				Name:                "count",
				MarkdownDescription: fmt.Sprintf("How many pushes to return, 1 to %d.", MaxPushes),
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (nextPushes) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var trigger types.Dynamic
	var zone, after string
	var count int64
	if resp.Error = req.Arguments.Get(ctx, &trigger, &zone, &after, &count); resp.Error != nil {
		return
	}
	t, err := decodeTrigger(trigger)
	if errors.Is(err, errUnknown) {
		resp.Error = resp.Result.Set(ctx, types.ListUnknown(types.StringType))
		return
	}
	if err != nil {
		resp.Error = function.NewArgumentFuncError(argTrigger, err.Error()+".")
		return
	}
	pushes, ferr := nextPushesOf(t, zone, after, count)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, pushes)
}

// nextPushesOf checks the arguments after the trigger's shape and computes
// the pushes, formatted in the zone.
func nextPushesOf(t client.Trigger, zone, after string, count int64) ([]string, *function.FuncError) {
	loc, ferr := zoneArg(argTimeZone, zone)
	if ferr != nil {
		return nil, ferr
	}
	from, ferr := instantArg(argAfter, "after", after)
	if ferr != nil {
		return nil, ferr
	}
	if count < 1 || count > MaxPushes {
		return nil, function.NewArgumentFuncError(argCount,
			fmt.Sprintf("count is %d; it must be between 1 and %d.", count, MaxPushes))
	}
	cal, p := client.TriggerCalendar(t, loc)
	if p != nil {
		return nil, function.NewArgumentFuncError(argTrigger, p.Detail)
	}
	out := []string{}
	for _, at := range cal.After(from, int(count)) {
		out = append(out, at.In(loc).Format(time.RFC3339))
	}
	return out, nil
}
