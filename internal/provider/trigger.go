package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// triggerModel is the trigger attribute: exactly one of Single and Periodical.
type triggerModel struct {
	Single     *singleModel     `tfsdk:"single"`
	Periodical *periodicalModel `tfsdk:"periodical"`
}

type singleModel struct {
	Time types.String `tfsdk:"time"`
}

type periodicalModel struct {
	Start     types.String `tfsdk:"start"`
	End       types.String `tfsdk:"end"`
	Time      types.String `tfsdk:"time"`
	TimeUnit  types.String `tfsdk:"time_unit"`
	Frequency types.Int64  `tfsdk:"frequency"`
	Point     types.List   `tfsdk:"point"`
}

var (
	triggerPath    = path.Root("trigger")
	singlePath     = triggerPath.AtName("single")
	periodicalPath = triggerPath.AtName("periodical")
)

func triggerAttrTypes() map[string]attr.Type {
	return triggerSchemaAttribute(nil).GetType().(basetypes.ObjectType).AttrTypes
}

// triggerModelFrom decodes a trigger object; nil when it is null, unknown,
// or has an unknown single/periodical object.
func triggerModelFrom(ctx context.Context, obj types.Object) (*triggerModel, diag.Diagnostics) {
	if obj.IsNull() || obj.IsUnknown() {
		return nil, nil
	}
	// Leaves may be unknown (types.String, Int64 and List hold that), the
	// single/periodical objects themselves may not.
	for _, v := range obj.Attributes() {
		if v.IsUnknown() {
			return nil, nil
		}
	}
	var m triggerModel
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	if diags.HasError() {
		return nil, diags
	}
	return &m, diags
}

func triggerObjectFrom(ctx context.Context, m *triggerModel) (types.Object, diag.Diagnostics) {
	if m == nil {
		return types.ObjectNull(triggerAttrTypes()), nil
	}
	return types.ObjectValueFrom(ctx, triggerAttrTypes(), m)
}

// equal reports whether two trigger models hold the same values (nil is
// equal to nil only).
func (t *triggerModel) equal(o *triggerModel) bool {
	if t == nil || o == nil {
		return t == o
	}
	if (t.Single == nil) != (o.Single == nil) || (t.Periodical == nil) != (o.Periodical == nil) {
		return false
	}
	if t.Single != nil && !t.Single.Time.Equal(o.Single.Time) {
		return false
	}
	if p, q := t.Periodical, o.Periodical; p != nil {
		return p.Start.Equal(q.Start) && p.End.Equal(q.End) && p.Time.Equal(q.Time) &&
			p.TimeUnit.Equal(q.TimeUnit) && p.Frequency.Equal(q.Frequency) && p.Point.Equal(q.Point)
	}
	return true
}

// kind is "single", "periodical" or "" (unknown/none).
func (t *triggerModel) kind() string {
	switch {
	case t == nil:
		return ""
	case t.Single != nil && t.Periodical == nil:
		return "single"
	case t.Periodical != nil && t.Single == nil:
		return "periodical"
	}
	return ""
}

func listStrings(ctx context.Context, l types.List) ([]string, bool) {
	if l.IsNull() {
		return nil, true
	}
	if l.IsUnknown() {
		return nil, false
	}
	out := make([]string, 0, len(l.Elements()))
	for _, e := range l.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		out = append(out, s.ValueString())
	}
	return out, true
}

// toClient converts a fully known trigger to its wire form: every instant
// becomes the wall clock in loc.
func (t *triggerModel) toClient(ctx context.Context, loc *time.Location) (*client.Trigger, error) {
	switch t.kind() {
	case "single":
		at, err := client.ParseTime(t.Single.Time.ValueString(), loc)
		if err != nil {
			return nil, fmt.Errorf("trigger.single.time: %w", err)
		}
		return &client.Trigger{Single: &client.SingleTrigger{Time: client.FormatWireTime(at, loc)}}, nil
	case "periodical":
		p := t.Periodical
		start, err := client.ParseTime(p.Start.ValueString(), loc)
		if err != nil {
			return nil, fmt.Errorf("trigger.periodical.start: %w", err)
		}
		end, err := client.ParseTime(p.End.ValueString(), loc)
		if err != nil {
			return nil, fmt.Errorf("trigger.periodical.end: %w", err)
		}
		points, _ := listStrings(ctx, p.Point)
		unit := strings.ToLower(p.TimeUnit.ValueString())
		if unit == "week" {
			for i := range points {
				points[i] = strings.ToUpper(points[i])
			}
		}
		return &client.Trigger{Periodical: &client.PeriodicalTrigger{
			Start:     client.FormatWireTime(start, loc),
			End:       client.FormatWireTime(end, loc),
			Time:      p.Time.ValueString(),
			TimeUnit:  unit,
			Frequency: int(p.Frequency.ValueInt64()),
			Point:     points,
		}}, nil
	}
	return nil, fmt.Errorf("trigger: set exactly one of single and periodical")
}

// sameInstant reports whether two time strings name the same instant in loc.
func sameInstant(a, b string, loc *time.Location) bool {
	if a == b {
		return true
	}
	ta, err := client.ParseTime(a, loc)
	if err != nil {
		return false
	}
	tb, err := client.ParseTime(b, loc)
	return err == nil && ta.Equal(tb)
}

func keepTime(prior types.String, wire string, loc *time.Location) types.String {
	if known(prior) && sameInstant(prior.ValueString(), wire, loc) {
		return prior
	}
	return types.StringValue(wire)
}

// triggerModelFromClient flattens a trigger read from JPush, keeping the
// prior spelling (time format, case) of every value that means the same.
func triggerModelFromClient(ctx context.Context, t client.Trigger, prior *triggerModel, loc *time.Location) *triggerModel {
	switch {
	case t.Single != nil:
		m := &singleModel{Time: types.StringValue(t.Single.Time)}
		if prior != nil && prior.Single != nil {
			m.Time = keepTime(prior.Single.Time, t.Single.Time, loc)
		}
		return &triggerModel{Single: m}
	case t.Periodical != nil:
		w := t.Periodical
		m := &periodicalModel{
			Start:     types.StringValue(w.Start),
			End:       types.StringValue(w.End),
			Time:      types.StringValue(w.Time),
			TimeUnit:  types.StringValue(strings.ToLower(w.TimeUnit)),
			Frequency: types.Int64Value(int64(w.Frequency)),
		}
		points := w.Point
		m.Point = stringList(points)
		var pp *periodicalModel
		if prior != nil {
			pp = prior.Periodical
		}
		if pp != nil {
			m.Start = keepTime(pp.Start, w.Start, loc)
			m.End = keepTime(pp.End, w.End, loc)
			if known(pp.Time) && sameClock(pp.Time.ValueString(), w.Time) {
				m.Time = pp.Time
			}
			if known(pp.TimeUnit) && strings.EqualFold(pp.TimeUnit.ValueString(), w.TimeUnit) {
				m.TimeUnit = pp.TimeUnit
			}
			if prev, ok := listStrings(ctx, pp.Point); ok && equalFoldLists(prev, points) {
				if prev == nil && len(points) == 0 {
					m.Point = types.ListNull(types.StringType)
				} else {
					m.Point = pp.Point
				}
			}
		}
		return &triggerModel{Periodical: m}
	}
	return nil
}

func sameClock(a, b string) bool {
	if a == b {
		return true
	}
	da, err := client.ParseClock(a)
	if err != nil {
		return false
	}
	db, err := client.ParseClock(b)
	return err == nil && da == db
}

func equalFoldLists(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// stringList is a list value of strings; null for an empty list.
func stringList(l []string) types.List {
	if len(l) == 0 {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, len(l))
	for i, s := range l {
		elems[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elems)
}

// firstFiring is when a periodical trigger first fires, computed like JPush:
// the first `clock` time of day at or after start on a day that matches the
// unit's points (every day for "day") and falls in a period counted from
// start (every frequency days, weeks or months; weeks start on Monday).
// ok is false when nothing matches within 13 months.
func firstFiring(start time.Time, clock time.Duration, unit string, freq int, points []string, loc *time.Location) (time.Time, bool) {
	s := start.In(loc)
	if freq < 1 {
		freq = 1
	}
	h, mi, sec := int(clock/time.Hour), int(clock%time.Hour/time.Minute), int(clock%time.Minute/time.Second)
	unit = strings.ToLower(unit)
	for i := 0; i <= 400; i++ {
		d := time.Date(s.Year(), s.Month(), s.Day()+i, 0, 0, 0, 0, loc)
		cand := time.Date(d.Year(), d.Month(), d.Day(), h, mi, sec, 0, loc)
		if cand.Before(start) || !dayMatches(d, s, unit, freq, points) {
			continue
		}
		return cand, true
	}
	return time.Time{}, false
}

func civilDays(t time.Time) int {
	y, m, d := t.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func mondayDays(t time.Time) int {
	return civilDays(t) - (int(t.Weekday())+6)%7
}

func dayMatches(d, start time.Time, unit string, freq int, points []string) bool {
	switch unit {
	case "week":
		if ((mondayDays(d)-mondayDays(start))/7)%freq != 0 {
			return false
		}
		for _, p := range points {
			if wd, ok := weekdayOf[strings.ToUpper(p)]; ok && wd == d.Weekday() {
				return true
			}
		}
		return false
	case "month":
		months := (d.Year()*12 + int(d.Month())) - (start.Year()*12 + int(start.Month()))
		if months%freq != 0 {
			return false
		}
		want := fmt.Sprintf("%02d", d.Day())
		for _, p := range points {
			if p == want {
				return true
			}
		}
		return false
	}
	return (civilDays(d)-civilDays(start))%freq == 0
}

// lastFiring is the instant after which the trigger can never fire again:
// the single time, or the periodical end.
func (t *triggerModel) lastFiring(loc *time.Location) (time.Time, bool) {
	switch t.kind() {
	case "single":
		if !known(t.Single.Time) {
			return time.Time{}, false
		}
		at, err := client.ParseTime(t.Single.Time.ValueString(), loc)
		return at, err == nil
	case "periodical":
		if !known(t.Periodical.End) {
			return time.Time{}, false
		}
		end, err := client.ParseTime(t.Periodical.End.ValueString(), loc)
		return end, err == nil
	}
	return time.Time{}, false
}

// hasEnded reports whether the trigger can never fire again by JPush's
// clock now: a single schedule that has fired, a periodical one past its
// end. JPush may stop returning such schedules.
func (t *triggerModel) hasEnded(loc *time.Location, now time.Time) bool {
	last, ok := t.lastFiring(loc)
	return ok && !last.After(now)
}

// pointProblem applies the point rules of trigger.periodical (which need
// neither the zone nor the clock). It returns the attribute at fault and
// the problem ("must be omitted when ..."), or "" when there is none (or
// nothing known to check yet).
func pointProblem(ctx context.Context, trigger types.Object) (path.Path, string, diag.Diagnostics) {
	tm, diags := triggerModelFrom(ctx, trigger)
	if tm == nil || tm.Periodical == nil {
		return path.Path{}, "", diags
	}
	p := tm.Periodical
	points, ok := listStrings(ctx, p.Point)
	if !known(p.TimeUnit) || !ok {
		return path.Path{}, "", diags
	}
	i, err := checkPoints(p.TimeUnit.ValueString(), points)
	if err == nil {
		return path.Path{}, "", diags
	}
	at := periodicalPath.AtName("point")
	if i >= 0 {
		at = at.AtListIndex(i)
	}
	return at, err.Error(), diags
}

// checkTrigger validates what depends on the zone and the clock. isNew is
// true for a schedule about to be created (new or replacing another);
// timeChanged for an update that moves the trigger. now is JPush's clock.
func (t *triggerModel) checkTrigger(ctx context.Context, loc *time.Location, now time.Time, isNew bool, prior *triggerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	switch t.kind() {
	case "single":
		if !known(t.Single.Time) {
			return diags
		}
		at, err := client.ParseTime(t.Single.Time.ValueString(), loc)
		if err != nil {
			return diags // reported by the attribute validator
		}
		moved := prior == nil || prior.kind() != "single" || !known(prior.Single.Time) ||
			!sameInstant(prior.Single.Time.ValueString(), t.Single.Time.ValueString(), loc)
		if !isNew && !moved {
			return diags
		}
		p := singlePath.AtName("time")
		wire := client.FormatWireTime(at, loc)
		if !at.After(now) {
			diags.AddAttributeError(p, "Single time is not in the future",
				fmt.Sprintf("trigger.single.time %q (%s in %s) is not after JPush's current time %s; a new schedule must fire in the future.",
					t.Single.Time.ValueString(), wire, loc, client.FormatWireTime(now, loc)))
		} else if at.After(now.AddDate(1, 0, 0)) {
			diags.AddAttributeError(p, "Single time is more than one year ahead",
				fmt.Sprintf("trigger.single.time %q (%s in %s) is more than one year after JPush's current time %s; JPush accepts at most one year.",
					t.Single.Time.ValueString(), wire, loc, client.FormatWireTime(now, loc)))
		}
	case "periodical":
		pm := t.Periodical
		if !known(pm.Start) || !known(pm.End) {
			return diags
		}
		start, err1 := client.ParseTime(pm.Start.ValueString(), loc)
		end, err2 := client.ParseTime(pm.End.ValueString(), loc)
		if err1 != nil || err2 != nil {
			return diags
		}
		endPath := periodicalPath.AtName("end")
		if !end.After(start) {
			diags.AddAttributeError(endPath, "Periodical end is not after start",
				fmt.Sprintf("trigger.periodical.end %s must be after trigger.periodical.start %s (wall clock in %s).",
					client.FormatWireTime(end, loc), client.FormatWireTime(start, loc), loc))
			return diags
		}
		if end.After(start.AddDate(1, 0, 0)) {
			diags.AddAttributeError(endPath, "Periodical span is longer than one year",
				fmt.Sprintf("trigger.periodical.end %s is more than one year after trigger.periodical.start %s; JPush allows a span of at most one year.",
					client.FormatWireTime(end, loc), client.FormatWireTime(start, loc)))
			return diags
		}
		moved := prior == nil || prior.kind() != "periodical" || !known(prior.Periodical.End) ||
			!sameInstant(prior.Periodical.End.ValueString(), pm.End.ValueString(), loc)
		if (isNew || moved) && !end.After(now) {
			diags.AddAttributeError(endPath, "Periodical end is not in the future",
				fmt.Sprintf("trigger.periodical.end %s is not after JPush's current time %s; the schedule would never fire.",
					client.FormatWireTime(end, loc), client.FormatWireTime(now, loc)))
			return diags
		}
		if !known(pm.Time) || !known(pm.TimeUnit) {
			return diags
		}
		clock, err := client.ParseClock(pm.Time.ValueString())
		if err != nil {
			return diags
		}
		points, ok := listStrings(ctx, pm.Point)
		if !ok {
			return diags
		}
		if _, err := checkPoints(pm.TimeUnit.ValueString(), points); err != nil {
			return diags // reported by ValidateConfig
		}
		freq := 1
		if known(pm.Frequency) {
			freq = int(pm.Frequency.ValueInt64())
		}
		first, found := firstFiring(start, clock, pm.TimeUnit.ValueString(), freq, points, loc)
		if !found || first.After(end) {
			msg := "never fires between start and end"
			if found {
				msg = "would first fire at " + client.FormatWireTime(first, loc) + ", after end " + client.FormatWireTime(end, loc)
			}
			diags.AddAttributeError(endPath, "Periodical schedule never fires",
				fmt.Sprintf("trigger.periodical: the schedule %s (%s in %s); JPush rejects it. Move end later or start, time or point earlier.",
					msg, pm.Time.ValueString(), loc))
		}
	}
	return diags
}
