package trigger

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// oneTriggerKind requires exactly one of trigger.single and
// trigger.periodical, in words a user can act on (the framework's
// ExactlyOneOf speaks in path expressions).
type oneTriggerKind struct{}

func (oneTriggerKind) Description(context.Context) string {
	return "exactly one of single and periodical"
}

func (v oneTriggerKind) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (oneTriggerKind) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if !framework.Known(req.ConfigValue) {
		return
	}
	attrs := req.ConfigValue.Attributes()
	set := func(k string) bool { v, ok := attrs[k]; return ok && !v.IsNull() }
	single, periodical := set("single"), set("periodical")
	switch {
	case single && periodical:
		framework.AttrError(&resp.Diagnostics, req.Path, "Invalid trigger",
			"set exactly one of single and periodical, not both: a schedule fires once or repeatedly.")
	case !single && !periodical:
		framework.AttrError(&resp.Diagnostics, req.Path, "Invalid trigger",
			"set one of single (fire once) and periodical (fire repeatedly).")
	}
}

// PointProblems applies the point rules of trigger.periodical, as
// jpush_schedule's ValidateConfig does.
func PointProblems(ctx context.Context, trigger types.Object) diag.Diagnostics {
	at, problem, diags := PointProblem(ctx, trigger)
	if problem != "" {
		diags.AddAttributeError(at, "Invalid point", fmt.Sprintf("%s: trigger.periodical.point %s.", at, problem))
	}
	return diags
}

// PointProblem applies the point rules of trigger.periodical (which need
// neither the zone nor the clock). It returns the attribute at fault and
// the problem ("must be omitted when ..."), or "" when there is none (or
// nothing known to check yet).
func PointProblem(ctx context.Context, trigger types.Object) (path.Path, string, diag.Diagnostics) {
	tm, diags := ModelFrom(ctx, trigger)
	if tm == nil || tm.Periodical == nil {
		return path.Path{}, "", diags
	}
	p := tm.Periodical
	points, ok := framework.ListStrings(ctx, p.Point)
	if !framework.Known(p.TimeUnit) || !ok {
		return path.Path{}, "", diags
	}
	i, err := rules.Points(p.TimeUnit.ValueString(), points)
	if err == nil {
		return path.Path{}, "", diags
	}
	at := PeriodicalPath.AtName("point")
	if i >= 0 {
		at = at.AtListIndex(i)
	}
	return at, err.Error(), diags
}

// Check validates what depends on the zone and the clock. isNew is
// true for a schedule about to be created (new or replacing another);
// prior is the state's trigger of one updated in place (nil when new).
// Rules that need no clock go first; the clock is read only when a rule
// needs JPush's now.
func (t *Model) Check(ctx context.Context, loc *time.Location, clock *Clock, isNew bool, prior *Model) diag.Diagnostics {
	switch t.kind() {
	case "single":
		return t.checkSingle(loc, clock, isNew, prior)
	case "periodical":
		return t.checkPeriodical(ctx, loc, clock, isNew, prior)
	}
	return nil
}

// moved reports whether v is sent as another instant than prior's value
// (a missing prior counts as moved).
func moved(prior *types.String, v types.String, loc *time.Location) bool {
	return prior == nil || !framework.Known(*prior) || !sameInstant(prior.ValueString(), v.ValueString(), loc)
}

// parseSent parses a time about to be sent to JPush. A wall clock that a
// daylight-saving change in loc skips or repeats is reported on p; any
// other error is the attribute validator's to report. ok is false on error.
func parseSent(p path.Path, s string, loc *time.Location, diags *diag.Diagnostics) (time.Time, bool) {
	at, err := client.ParseUnambiguousTime(s, loc)
	var wce *client.WallClockError
	if errors.As(err, &wce) {
		addWallClockError(diags, p, s, wce)
	}
	return at, err == nil
}

// addWallClockError says why a time cannot be sent and what to write.
func addWallClockError(diags *diag.Diagnostics, p path.Path, written string, e *client.WallClockError) {
	summary, detail := client.WallClockProblem(written, e)
	framework.AttrError(diags, p, summary, detail)
}

func (t *Model) checkSingle(loc *time.Location, clock *Clock, isNew bool, prior *Model) diag.Diagnostics {
	var diags diag.Diagnostics
	v := t.Single.Time
	if !framework.Known(v) {
		return diags
	}
	var pv *types.String
	if prior.kind() == "single" {
		pv = &prior.Single.Time
	}
	if !isNew && !moved(pv, v, loc) {
		return diags
	}
	p := SinglePath.AtName("time")
	at, ok := parseSent(p, v.ValueString(), loc, &diags)
	if !ok {
		return diags
	}
	k := clock.Get()
	wire, now := client.FormatWireTime(at, loc), client.FormatWireTime(k.Now, loc)
	if !at.After(k.Now) {
		framework.AttrError(&diags, p, "Single time is not in the future", fmt.Sprintf(
			"%q (%s in %s) is not after %s, %s in %s (%s); a new schedule must fire in the future.",
			v.ValueString(), wire, loc, k.Name, now, loc, k.How))
	} else if at.After(oneYearAfter(k.Now, loc)) {
		framework.AttrError(&diags, p, "Single time is more than one year ahead", fmt.Sprintf(
			"%q (%s in %s) is more than one year after %s, %s in %s (%s); JPush accepts at most one year, "+
				"counted on the wall clock in %s.",
			v.ValueString(), wire, loc, k.Name, now, loc, k.How, loc))
	}
	return diags
}

func (t *Model) checkPeriodical(ctx context.Context, loc *time.Location, clock *Clock, isNew bool, prior *Model) diag.Diagnostics {
	var diags diag.Diagnostics
	pm := t.Periodical
	if !framework.Known(pm.Start) || !framework.Known(pm.End) {
		return diags
	}
	var ps, pe *types.String
	if prior.kind() == "periodical" {
		ps, pe = &prior.Periodical.Start, &prior.Periodical.End
	}
	endMoved := isNew || moved(pe, pm.End, loc)
	start, ok1 := parsePeriodicalTime(PeriodicalPath.AtName("start"), pm.Start, isNew || moved(ps, pm.Start, loc), loc, &diags)
	end, ok2 := parsePeriodicalTime(PeriodicalPath.AtName("end"), pm.End, endMoved, loc, &diags)
	if !ok1 || !ok2 {
		return diags
	}
	endPath := PeriodicalPath.AtName("end")
	wStart, wEnd := client.FormatWireTime(start, loc), client.FormatWireTime(end, loc)
	if !end.After(start) {
		framework.AttrError(&diags, endPath, "Periodical end is not after start",
			fmt.Sprintf("end %s must be after trigger.periodical.start %s (wall clock in %s).", wEnd, wStart, loc))
		return diags
	}
	if end.After(oneYearAfter(start, loc)) {
		framework.AttrError(&diags, endPath, "Periodical span is longer than one year",
			fmt.Sprintf("end %s is more than one year after trigger.periodical.start %s (wall clock in %s); "+
				"JPush allows a span of at most one year, counted on the wall clock in %s.", wEnd, wStart, loc, loc))
		return diags
	}
	// An end in the past is the first thing to say (it is why such a
	// schedule never fires), so this rule, which needs JPush's clock, goes
	// before the one that needs none; both are reported, since a caller may
	// tell the clock's problems from the configuration's (plannedTrigger.check).
	if endMoved {
		if k := clock.Get(); !end.After(k.Now) {
			framework.AttrError(&diags, endPath, "Periodical end is not in the future", fmt.Sprintf(
				"end %s is not after %s, %s in %s (%s); the schedule would never fire.",
				wEnd, k.Name, client.FormatWireTime(k.Now, loc), loc, k.How))
		}
	}
	t.checkFirstFiring(ctx, start, end, loc, &diags)
	if isNew || !t.Equal(prior) {
		t.warnOddFiringDays(ctx, start, end, loc, &diags)
	}
	return diags
}

// parsePeriodicalTime parses start or end: strictly (daylight saving
// checked) when it is sent as a new value, else as the state holds it.
func parsePeriodicalTime(p path.Path, v types.String, sent bool, loc *time.Location, diags *diag.Diagnostics) (time.Time, bool) {
	if sent {
		return parseSent(p, v.ValueString(), loc, diags)
	}
	at, err := client.ParseTime(v.ValueString(), loc)
	return at, err == nil
}

// periodicalRule is what firing days depend on; ok is false while a part
// is unknown or invalid (reported elsewhere).
func (pm *PeriodicalModel) rule(ctx context.Context) (clock time.Duration, unit string, freq int, points []string, ok bool) {
	if !framework.Known(pm.Time) || !framework.Known(pm.TimeUnit) {
		return 0, "", 0, nil, false
	}
	clock, err := client.ParseClock(pm.Time.ValueString())
	if err != nil {
		return 0, "", 0, nil, false
	}
	points, ok = framework.ListStrings(ctx, pm.Point)
	if !ok {
		return 0, "", 0, nil, false
	}
	if _, err := rules.Points(pm.TimeUnit.ValueString(), points); err != nil {
		return 0, "", 0, nil, false // reported by ValidateConfig
	}
	return clock, pm.TimeUnit.ValueString(), pm.frequency(), points, true
}

// checkFirstFiring reports a periodical trigger that would first fire after
// its end (JPush rejects it).
func (t *Model) checkFirstFiring(ctx context.Context, start, end time.Time, loc *time.Location, diags *diag.Diagnostics) {
	pm := t.Periodical
	clock, unit, freq, points, ok := pm.rule(ctx)
	if !ok {
		return
	}
	first, found := firstFiring(start, clock, unit, freq, points, loc)
	if found && !first.After(end) {
		return
	}
	msg := "never fires between start and end"
	if found {
		msg = "would first fire at " + client.FormatWireTime(first, loc) + ", after end " + client.FormatWireTime(end, loc)
	}
	framework.AttrError(diags, PeriodicalPath.AtName("end"), "Periodical schedule never fires",
		fmt.Sprintf("the schedule %s (%s in %s); JPush rejects it. Move end later or start, time or point earlier.",
			msg, pm.Time.ValueString(), loc))
}

// maxOddDays bounds the dates a daylight-saving warning lists.
const maxOddDays = 3

// warnOddFiringDays warns when the periodical time of day falls, on a
// firing day between start and end, in an hour that a daylight-saving
// change in loc skips or repeats. It is a warning, not an error: every
// other day fires as meant, and a daily 02:30 in New York is a reasonable
// schedule; but JPush does not document what it does on such a day, so
// the user must hear of it before applying.
func (t *Model) warnOddFiringDays(ctx context.Context, start, end time.Time, loc *time.Location, diags *diag.Diagnostics) {
	clock, unit, freq, points, ok := t.Periodical.rule(ctx)
	if !ok {
		return
	}
	var odd []string
	var first *client.WallClockError
	eachFiringDay(start, end, unit, freq, points, loc, func(d time.Time) bool {
		at, e := client.WallClockAt(d, clock, loc)
		if e != nil && !at.Before(start) && !at.After(end) {
			if first == nil {
				first = e
			}
			odd = append(odd, e.Wall[:10])
		}
		return len(odd) < maxOddDays
	})
	if first == nil {
		return
	}
	p, tod := PeriodicalPath.AtName("time"), t.Periodical.Time.ValueString()
	what := fmt.Sprintf("does not exist in %s on %s: clocks jump from %s to %s. JPush does not document "+
		"what it does then; it may skip that day's push or send it late (the emulator sends it the same time "+
		"past the jump)", loc, strings.Join(odd, ", "), first.From[11:], first.To[11:])
	if !first.Gap() {
		what = fmt.Sprintf("happens twice in %s on %s: clocks go back from %s to %s. JPush does not document "+
			"what it does then; it may push once, at either time, or twice (the emulator pushes once, at the "+
			"first)", loc, strings.Join(odd, ", "), first.From[11:], first.To[11:])
	}
	diags.AddAttributeWarning(p, "Time of day changes with daylight saving", fmt.Sprintf(
		"%s: %q %s. Every other day fires at %s as meant. To be sure of exactly one push at the time you mean "+
			"on every day, choose a time of day outside the hour that changes.", p, tod, what, tod))
}
