package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
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
			if prev, ok := listStrings(ctx, pp.Point); ok && samePointSet(prev, points) {
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

// samePointSet reports whether two point lists name the same days: point
// is a set, compared case-insensitively and in any order.
func samePointSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	norm := func(l []string) []string {
		out := make([]string, len(l))
		for i, x := range l {
			out[i] = strings.ToUpper(x)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(norm(a), norm(b))
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
// start (every frequency days, weeks or months; weeks start on Monday). A
// time of day that a daylight-saving change skips or repeats on a day is
// read as client.WallClockAt reads it. ok is false when nothing matches
// within 13 months.
func firstFiring(start time.Time, clock time.Duration, unit string, freq int, points []string, loc *time.Location) (time.Time, bool) {
	at, ok := time.Time{}, false
	eachFiringDay(start, start.AddDate(0, 13, 0), unit, freq, points, loc, func(d time.Time) bool {
		cand, _ := client.WallClockAt(d, clock, loc)
		if cand.Before(start) {
			return true
		}
		at, ok = cand, true
		return false
	})
	return at, ok
}

// eachFiringDay calls f with noon (never in a daylight-saving gap) of every
// day from start's to until's (in loc) that matches the unit, frequency and
// points, until f returns false.
func eachFiringDay(start, until time.Time, unit string, freq int, points []string, loc *time.Location, f func(day time.Time) bool) {
	s := start.In(loc)
	if freq < 1 {
		freq = 1
	}
	unit = strings.ToLower(unit)
	last := civilDays(until.In(loc))
	for i := 0; i <= 400; i++ {
		d := time.Date(s.Year(), s.Month(), s.Day()+i, 12, 0, 0, 0, loc)
		if civilDays(d) > last {
			return
		}
		if dayMatches(d, s, unit, freq, points) && !f(d) {
			return
		}
	}
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

// planClock is JPush's "now" for the plan-time checks. It is read only
// when a check needs it, so a plan that fails a rule needing no clock asks
// nothing of JPush, and at most once per plan of a resource.
type planClock struct {
	read func() clockReading
	once sync.Once
	got  clockReading
}

// clockReading is a "now" and the words that say which clock it is.
type clockReading struct {
	now time.Time
	// name says whose current time it is ("JPush's current time"); how says
	// where it came from, for the end of a message.
	name, how string
}

func (k *planClock) get() clockReading {
	k.once.Do(func() { k.got = k.read() })
	return k.got
}

// fixedClock is a planClock that reads now as JPush's time (for tests).
func fixedClock(now time.Time) *planClock {
	return &planClock{read: func() clockReading { return clockReading{now: now, name: jpushClockName, how: jpushClockHow} }}
}

const (
	jpushClockName = "JPush's current time"
	jpushClockHow  = "read from the Date header of JPush's last response"
	// clockProbeTimeout bounds the wait for JPush's time at plan; past it
	// the local clock is used, and the message says so.
	clockProbeTimeout = 15 * time.Second
)

// planClock returns JPush's clock for one plan. Before any response has
// told JPush's time (a plan that only creates makes no other call), it
// asks JPush for the first page of the schedule list, a read, and takes the
// Date header of the answer; only when JPush cannot be reached is the
// machine's clock used, and the message names it.
func (b *providerBound) planClock(ctx context.Context) *planClock {
	return &planClock{read: func() clockReading {
		c := b.client()
		if c == nil {
			return localClock("the provider is not configured")
		}
		if t, ok := c.ServerTime(); ok {
			return clockReading{now: t, name: jpushClockName, how: jpushClockHow}
		}
		// One probe at a time per provider: concurrent plans of many
		// resources then share one answer instead of each asking.
		b.data.clockProbe.Lock()
		defer b.data.clockProbe.Unlock()
		if _, ok := c.ServerTime(); !ok {
			// The probe is the credentials check (checkCredentials),
			// whose answer the refresh and the create's plan reuse.
			pctx, cancel := context.WithTimeout(ctx, clockProbeTimeout)
			b.runCheck(pctx)
			cancel()
		}
		// Any answer tells JPush's time, even a refusal (its Date header).
		if t, ok := c.ServerTime(); ok {
			return clockReading{now: t, name: jpushClockName, how: jpushClockHow}
		}
		why := "no answer"
		if errs := b.data.verifyDiags.Errors(); len(errs) > 0 {
			why = errs[0].Summary()
		}
		return localClock("JPush could not be asked for its time: " + why)
	}}
}

func localClock(why string) clockReading {
	return clockReading{
		now:  time.Now(),
		name: "this machine's current time",
		how:  why + "; JPush's own clock may differ",
	}
}

// oneYearAfter is a year after t on the wall clock in loc, as JPush counts
// its one-year limits, whatever offset t was written with.
func oneYearAfter(t time.Time, loc *time.Location) time.Time {
	return t.In(loc).AddDate(1, 0, 0)
}

// checkTrigger validates what depends on the zone and the clock. isNew is
// true for a schedule about to be created (new or replacing another);
// prior is the state's trigger of one updated in place (nil when new).
// Rules that need no clock go first; the clock is read only when a rule
// needs JPush's now.
func (t *triggerModel) checkTrigger(ctx context.Context, loc *time.Location, clock *planClock, isNew bool, prior *triggerModel) diag.Diagnostics {
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
	return prior == nil || !known(*prior) || !sameInstant(prior.ValueString(), v.ValueString(), loc)
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
	zone, day := e.Zone.String(), e.Wall[:10]
	from, to := e.From[11:], e.To[11:]
	if e.Gap() {
		attrError(diags, p, "Time does not exist in "+zone, fmt.Sprintf(
			"%q does not exist in %s: on %s clocks jump from %s to %s (at %s), so JPush, which reads it as a wall "+
				"clock in %s (the provider's time_zone), would reject it. Write a time before %s or from %s.",
			written, zone, day, from, to, e.At.UTC().Format(time.RFC3339), zone, e.From, e.To))
		return
	}
	a, b := e.Instants[0].In(e.Zone).Format(time.RFC3339), e.Instants[1].In(e.Zone).Format(time.RFC3339)
	attrError(diags, p, "Ambiguous time in "+zone, fmt.Sprintf(
		"%q is sent to JPush as the wall clock %s in %s (the provider's time_zone), which happens twice there: "+
			"on %s clocks go back from %s to %s, so it is both %s and %s. JPush receives only the wall clock and "+
			"cannot tell which you mean (it would take the earlier), and no offset can choose. "+
			"Write a time before %s or from %s.",
		written, e.Wall, zone, day, from, to, a, b, e.To, e.From))
}

func (t *triggerModel) checkSingle(loc *time.Location, clock *planClock, isNew bool, prior *triggerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	v := t.Single.Time
	if !known(v) {
		return diags
	}
	var pv *types.String
	if prior.kind() == "single" {
		pv = &prior.Single.Time
	}
	if !isNew && !moved(pv, v, loc) {
		return diags
	}
	p := singlePath.AtName("time")
	at, ok := parseSent(p, v.ValueString(), loc, &diags)
	if !ok {
		return diags
	}
	k := clock.get()
	wire, now := client.FormatWireTime(at, loc), client.FormatWireTime(k.now, loc)
	if !at.After(k.now) {
		attrError(&diags, p, "Single time is not in the future", fmt.Sprintf(
			"%q (%s in %s) is not after %s, %s in %s (%s); a new schedule must fire in the future.",
			v.ValueString(), wire, loc, k.name, now, loc, k.how))
	} else if at.After(oneYearAfter(k.now, loc)) {
		attrError(&diags, p, "Single time is more than one year ahead", fmt.Sprintf(
			"%q (%s in %s) is more than one year after %s, %s in %s (%s); JPush accepts at most one year, "+
				"counted on the wall clock in %s.",
			v.ValueString(), wire, loc, k.name, now, loc, k.how, loc))
	}
	return diags
}

func (t *triggerModel) checkPeriodical(ctx context.Context, loc *time.Location, clock *planClock, isNew bool, prior *triggerModel) diag.Diagnostics {
	var diags diag.Diagnostics
	pm := t.Periodical
	if !known(pm.Start) || !known(pm.End) {
		return diags
	}
	var ps, pe *types.String
	if prior.kind() == "periodical" {
		ps, pe = &prior.Periodical.Start, &prior.Periodical.End
	}
	endMoved := isNew || moved(pe, pm.End, loc)
	start, ok1 := parsePeriodicalTime(periodicalPath.AtName("start"), pm.Start, isNew || moved(ps, pm.Start, loc), loc, &diags)
	end, ok2 := parsePeriodicalTime(periodicalPath.AtName("end"), pm.End, endMoved, loc, &diags)
	if !ok1 || !ok2 {
		return diags
	}
	endPath := periodicalPath.AtName("end")
	wStart, wEnd := client.FormatWireTime(start, loc), client.FormatWireTime(end, loc)
	if !end.After(start) {
		attrError(&diags, endPath, "Periodical end is not after start",
			fmt.Sprintf("end %s must be after trigger.periodical.start %s (wall clock in %s).", wEnd, wStart, loc))
		return diags
	}
	if end.After(oneYearAfter(start, loc)) {
		attrError(&diags, endPath, "Periodical span is longer than one year",
			fmt.Sprintf("end %s is more than one year after trigger.periodical.start %s (wall clock in %s); "+
				"JPush allows a span of at most one year, counted on the wall clock in %s.", wEnd, wStart, loc, loc))
		return diags
	}
	// An end in the past is the first thing to say (it is why such a
	// schedule never fires), so this rule, which needs JPush's clock, goes
	// before the one that needs none; both are reported, since a caller may
	// tell the clock's problems from the configuration's (plannedTrigger.check).
	if endMoved {
		if k := clock.get(); !end.After(k.now) {
			attrError(&diags, endPath, "Periodical end is not in the future", fmt.Sprintf(
				"end %s is not after %s, %s in %s (%s); the schedule would never fire.",
				wEnd, k.name, client.FormatWireTime(k.now, loc), loc, k.how))
		}
	}
	t.checkFirstFiring(ctx, start, end, loc, &diags)
	if isNew || !t.equal(prior) {
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
func (pm *periodicalModel) rule(ctx context.Context) (clock time.Duration, unit string, freq int, points []string, ok bool) {
	if !known(pm.Time) || !known(pm.TimeUnit) {
		return 0, "", 0, nil, false
	}
	clock, err := client.ParseClock(pm.Time.ValueString())
	if err != nil {
		return 0, "", 0, nil, false
	}
	points, ok = listStrings(ctx, pm.Point)
	if !ok {
		return 0, "", 0, nil, false
	}
	if _, err := checkPoints(pm.TimeUnit.ValueString(), points); err != nil {
		return 0, "", 0, nil, false // reported by ValidateConfig
	}
	freq = 1
	if known(pm.Frequency) {
		freq = int(pm.Frequency.ValueInt64())
	}
	return clock, pm.TimeUnit.ValueString(), freq, points, true
}

// checkFirstFiring reports a periodical trigger that would first fire after
// its end (JPush rejects it).
func (t *triggerModel) checkFirstFiring(ctx context.Context, start, end time.Time, loc *time.Location, diags *diag.Diagnostics) {
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
	attrError(diags, periodicalPath.AtName("end"), "Periodical schedule never fires",
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
func (t *triggerModel) warnOddFiringDays(ctx context.Context, start, end time.Time, loc *time.Location, diags *diag.Diagnostics) {
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
	p, tod := periodicalPath.AtName("time"), t.Periodical.Time.ValueString()
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
