package trigger

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
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// Model is the trigger attribute: exactly one of Single and Periodical.
type Model struct {
	Single     *SingleModel     `tfsdk:"single"`
	Periodical *PeriodicalModel `tfsdk:"periodical"`
}

// SingleModel is trigger.single.
type SingleModel struct {
	Time types.String `tfsdk:"time"`
}

// PeriodicalModel is trigger.periodical.
type PeriodicalModel struct {
	Start     types.String `tfsdk:"start"`
	End       types.String `tfsdk:"end"`
	Time      types.String `tfsdk:"time"`
	TimeUnit  types.String `tfsdk:"time_unit"`
	Frequency types.Int64  `tfsdk:"frequency"`
	Point     types.List   `tfsdk:"point"`
}

// Path, SinglePath and PeriodicalPath are the trigger attribute and its
// two kinds, for attribute-scoped diagnostics.
var (
	Path           = path.Root("trigger")
	SinglePath     = Path.AtName("single")
	PeriodicalPath = Path.AtName("periodical")
)

// AttrTypes is the object type of the trigger attribute.
func AttrTypes() map[string]attr.Type {
	return SchemaAttribute(nil).GetType().(basetypes.ObjectType).AttrTypes
}

// ModelFrom decodes a trigger object; nil when it is null, unknown,
// or has an unknown single/periodical object.
func ModelFrom(ctx context.Context, obj types.Object) (*Model, diag.Diagnostics) {
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
	var m Model
	diags := obj.As(ctx, &m, basetypes.ObjectAsOptions{})
	if diags.HasError() {
		return nil, diags
	}
	return &m, diags
}

// ObjectFrom encodes a trigger model (a null object when m is nil).
func ObjectFrom(ctx context.Context, m *Model) (types.Object, diag.Diagnostics) {
	if m == nil {
		return types.ObjectNull(AttrTypes()), nil
	}
	return types.ObjectValueFrom(ctx, AttrTypes(), m)
}

// Equal reports whether two trigger models hold the same values (nil is
// equal to nil only).
func (t *Model) Equal(o *Model) bool {
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
func (t *Model) kind() string {
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

// ToClient converts a fully known trigger to its wire form: every instant
// becomes the wall clock in loc.
func (t *Model) ToClient(ctx context.Context, loc *time.Location) (*client.Trigger, error) {
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
		points, _ := framework.ListStrings(ctx, p.Point)
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
	if framework.Known(prior) && sameInstant(prior.ValueString(), wire, loc) {
		return prior
	}
	return types.StringValue(wire)
}

// ModelFromClient flattens a trigger read from JPush, keeping the
// prior spelling (time format, case) of every value that means the same.
func ModelFromClient(ctx context.Context, t client.Trigger, prior *Model, loc *time.Location) *Model {
	switch {
	case t.Single != nil:
		m := &SingleModel{Time: types.StringValue(t.Single.Time)}
		if prior != nil && prior.Single != nil {
			m.Time = keepTime(prior.Single.Time, t.Single.Time, loc)
		}
		return &Model{Single: m}
	case t.Periodical != nil:
		w := t.Periodical
		m := &PeriodicalModel{
			Start:     types.StringValue(w.Start),
			End:       types.StringValue(w.End),
			Time:      types.StringValue(w.Time),
			TimeUnit:  types.StringValue(strings.ToLower(w.TimeUnit)),
			Frequency: types.Int64Value(int64(w.Frequency)),
		}
		points := w.Point
		m.Point = framework.StringList(points)
		var pp *PeriodicalModel
		if prior != nil {
			pp = prior.Periodical
		}
		if pp != nil {
			m.Start = keepTime(pp.Start, w.Start, loc)
			m.End = keepTime(pp.End, w.End, loc)
			if framework.Known(pp.Time) && sameClock(pp.Time.ValueString(), w.Time) {
				m.Time = pp.Time
			}
			if framework.Known(pp.TimeUnit) && strings.EqualFold(pp.TimeUnit.ValueString(), w.TimeUnit) {
				m.TimeUnit = pp.TimeUnit
			}
			if prev, ok := framework.ListStrings(ctx, pp.Point); ok && framework.SamePointSet(prev, points) {
				if prev == nil && len(points) == 0 {
					m.Point = types.ListNull(types.StringType)
				} else {
					m.Point = pp.Point
				}
			}
		}
		return &Model{Periodical: m}
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
