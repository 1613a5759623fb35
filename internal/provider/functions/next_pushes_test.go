package functions

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// value builds the Terraform value an HCL literal gives: a string, a
// number, a tuple (from []string or []any), an object (from map[string]any);
// nil is null, an attr.Value is taken as it is.
func value(v any) attr.Value {
	switch x := v.(type) {
	case nil:
		return types.DynamicNull()
	case attr.Value:
		return x
	case string:
		return types.StringValue(x)
	case int:
		return types.NumberValue(big.NewFloat(float64(x)))
	case float64:
		return types.NumberValue(big.NewFloat(x))
	case []string:
		elems := make([]any, len(x))
		for i, s := range x {
			elems[i] = s
		}
		return value(elems)
	case []any:
		vals, typs := make([]attr.Value, len(x)), make([]attr.Type, len(x))
		for i, e := range x {
			vals[i] = value(e)
			typs[i] = vals[i].Type(context.Background())
		}
		return types.TupleValueMust(typs, vals)
	case map[string]any:
		vals, typs := map[string]attr.Value{}, map[string]attr.Type{}
		for k, e := range x {
			vals[k] = value(e)
			typs[k] = vals[k].Type(context.Background())
		}
		return types.ObjectValueMust(typs, vals)
	}
	panic(fmt.Sprintf("value: %T", v))
}

// callNextPushes runs next_pushes as Terraform calls it.
func callNextPushes(trigger any, zone, after string, count int64) ([]string, *function.FuncError) {
	return callList(NewNextPushes(), types.DynamicValue(value(trigger)), types.StringValue(zone),
		types.StringValue(after), types.Int64Value(count))
}

func callList(f function.Function, args ...attr.Value) ([]string, *function.FuncError) {
	ctx := context.Background()
	resp := function.RunResponse{Result: function.NewResultData(types.ListUnknown(types.StringType))}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	if resp.Error != nil {
		return nil, resp.Error
	}
	l, ok := resp.Result.Value().(types.List)
	if !ok {
		panic(fmt.Sprintf("result %T", resp.Result.Value()))
	}
	if l.IsUnknown() {
		return []string{"(unknown)"}, nil
	}
	var out []string
	for _, e := range l.Elements() {
		out = append(out, e.(types.String).ValueString())
	}
	return out, nil
}

func periodical(start, end, tod, unit string, freq any, points any) map[string]any {
	p := map[string]any{"start": start, "end": end, "time": tod, "time_unit": unit, "frequency": freq}
	if points != nil {
		p["point"] = points
	}
	return map[string]any{"periodical": p}
}

// The issue's example.
func TestNextPushes_issueExample(t *testing.T) {
	got, ferr := callNextPushes(periodical("2027-01-01 00:00:00", "2027-02-28 23:59:59", "08:30:00", "week", 1,
		[]string{"MON", "FRI"}), "Asia/Shanghai", "2027-01-01T00:00:00+08:00", 3)
	if ferr != nil {
		t.Fatal(ferr)
	}
	want := []string{"2027-01-01T08:30:00+08:00", "2027-01-04T08:30:00+08:00", "2027-01-08T08:30:00+08:00"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestNextPushes_values(t *testing.T) {
	const sh = "Asia/Shanghai"
	for _, c := range []struct {
		name    string
		trigger any
		zone    string
		after   string
		count   int64
		want    string
	}{
		{"single ahead", map[string]any{"single": map[string]any{"time": "2027-03-01T09:00:00+08:00"}}, sh, "2027-01-01T00:00:00Z", 5, "2027-03-01T09:00:00+08:00"},
		{"single in another offset", map[string]any{"single": map[string]any{"time": "2027-03-01T01:00:00Z"}}, sh, "2027-01-01T00:00:00Z", 1, "2027-03-01T09:00:00+08:00"},
		{"single passed", map[string]any{"single": map[string]any{"time": "2027-03-01 09:00:00"}}, sh, "2027-03-01T09:00:00+08:00", 5, ""},
		{"strictly after", periodical("2027-01-01 00:00:00", "2027-01-03 23:00:00", "08:00:00", "DAY", 1, nil), sh, "2027-01-01T08:00:00+08:00", 5, "2027-01-02T08:00:00+08:00 2027-01-03T08:00:00+08:00"},
		{"every 2 days from start, a null kind and point", map[string]any{"single": nil, "periodical": map[string]any{"start": "2027-01-01 09:00:00", "end": "2027-01-09 00:00:00", "time": "08:00:00", "time_unit": "day", "frequency": 2, "point": nil}}, sh, "2026-01-01T00:00:00Z", 9, "2027-01-03T08:00:00+08:00 2027-01-05T08:00:00+08:00 2027-01-07T08:00:00+08:00"},
		{"every 2 weeks counted from start's week", periodical("2027-01-06 00:00:00", "2027-02-28 00:00:00", "20:00:00", "week", 2, []string{"mon", "sun"}), sh, "2027-01-01T00:00:00Z", 4, "2027-01-10T20:00:00+08:00 2027-01-18T20:00:00+08:00 2027-01-24T20:00:00+08:00 2027-02-01T20:00:00+08:00"},
		{"month end skipped", periodical("2027-01-01 00:00:00", "2027-12-31 00:00:00", "12:00:00", "month", 1, []string{"31"}), sh, "2027-01-01T00:00:00Z", 3, "2027-01-31T12:00:00+08:00 2027-03-31T12:00:00+08:00 2027-05-31T12:00:00+08:00"},
		{"29 February of a leap year", periodical("2028-01-01 00:00:00", "2028-12-31 00:00:00", "12:00:00", "month", 1, []string{"29"}), sh, "2028-01-01T00:00:00Z", 2, "2028-01-29T12:00:00+08:00 2028-02-29T12:00:00+08:00"},
		{"gap: the same time past the jump", periodical("2027-03-13 00:00:00", "2027-03-15 00:00:00", "02:30:00", "day", 1, nil), "America/New_York", "2027-03-13T00:00:00-05:00", 3, "2027-03-13T02:30:00-05:00 2027-03-14T03:30:00-04:00"},
		{"repeat: the earlier", periodical("2027-11-06 00:00:00", "2027-11-08 00:00:00", "01:30:00", "day", 1, nil), "America/New_York", "2027-11-06T00:00:00-04:00", 3, "2027-11-06T01:30:00-04:00 2027-11-07T01:30:00-04:00"},
		{"ends within count", periodical("2027-01-01 00:00:00", "2027-01-02 08:00:00", "08:00:00", "day", 1, nil), sh, "2027-01-01T00:00:00Z", 100, "2027-01-02T08:00:00+08:00"},
		{"after end", periodical("2027-01-01 00:00:00", "2027-01-02 08:00:00", "08:00:00", "day", 1, nil), sh, "2027-02-01T00:00:00Z", 100, ""},
		{"a map, a set", map[string]any{"single": types.MapValueMust(types.StringType, map[string]attr.Value{"time": types.StringValue("2027-01-05 10:00:00")})}, sh, "2027-01-01T00:00:00Z", 2, "2027-01-05T10:00:00+08:00"},
		{"a set of points", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "week", 1, types.SetValueMust(types.StringType, []attr.Value{types.StringValue("TUE")})), sh, "2027-01-01T00:00:00Z", 2, "2027-01-05T10:00:00+08:00 2027-01-12T10:00:00+08:00"},
		{"unknown part", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", types.NumberUnknown(), nil), sh, "2027-01-01T00:00:00Z", 2, "(unknown)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ferr := callNextPushes(c.trigger, c.zone, c.after, c.count)
			if ferr != nil {
				t.Fatal(ferr)
			}
			if s := strings.Join(got, " "); s != c.want {
				t.Fatalf("got  %s\nwant %s", s, c.want)
			}
		})
	}
}

func TestNextPushes_errors(t *testing.T) {
	const sh, after = "Asia/Shanghai", "2027-01-01T00:00:00Z"
	ok := periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", 1, nil)
	for _, c := range []struct {
		name    string
		trigger any
		zone    string
		after   string
		count   int64
		arg     int64
		want    string
	}{
		{"both kinds", map[string]any{"single": map[string]any{"time": "2027-03-01 09:00:00"}, "periodical": ok["periodical"]}, sh, after, 1, 0, "trigger: set exactly one of single and periodical, not both"},
		{"no kind", map[string]any{}, sh, after, 1, 0, "trigger: set one of single (fire once) and periodical (fire repeatedly)."},
		{"unknown key", map[string]any{"once": map[string]any{}}, sh, after, 1, 0, `trigger has no attribute "once": it takes single, periodical`},
		{"unknown nested key", map[string]any{"single": map[string]any{"time": "2027-03-01 09:00:00", "zone": "UTC"}}, sh, after, 1, 0, `trigger.single has no attribute "zone"`},
		{"not an object", "2027-03-01 09:00:00", sh, after, 1, 0, "trigger must be an object with single, periodical, not a string."},
		{"time a number", map[string]any{"single": map[string]any{"time": 5}}, sh, after, 1, 0, "trigger.single.time must be a string, not a number."},
		{"missing start", map[string]any{"periodical": map[string]any{"end": "2027-01-31 00:00:00", "time": "10:00:00", "time_unit": "day", "frequency": 1}}, sh, after, 1, 0, "trigger.periodical.start is required."},
		{"frequency a string", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", "1", nil), sh, after, 1, 0, "trigger.periodical.frequency must be a number, not a string."},
		{"frequency 1.5", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", 1.5, nil), sh, after, 1, 0, "trigger.periodical.frequency is 1.5; it must be a whole number between 1 and 100."},
		{"frequency 0", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", 0, nil), sh, after, 1, 0, "trigger.periodical.frequency: is 0; it must be between 1 and 100."},
		{"point not a list", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "week", 1, "MON"), sh, after, 1, 0, "trigger.periodical.point must be a list of strings, not a string."},
		{"bad week day", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "week", 1, []string{"MON", "MOON"}), sh, after, 1, 0, `trigger.periodical.point[1]: "MOON" is not a week day`},
		{"point for day", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "day", 1, []string{"01"}), sh, after, 1, 0, `trigger.periodical.point: must be omitted when time_unit is "day".`},
		{"bad unit", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "10:00:00", "year", 1, nil), sh, after, 1, 0, `trigger.periodical.time_unit: "year" is not a period unit`},
		{"bad time of day", periodical("2027-01-01 00:00:00", "2027-01-31 00:00:00", "8:30", "day", 1, nil), sh, after, 1, 0, `trigger.periodical.time: "8:30" is not a time of day`},
		{"bad time", map[string]any{"single": map[string]any{"time": "tomorrow"}}, sh, after, 1, 0, `trigger.single.time: "tomorrow" is not a valid time`},
		{"fraction", map[string]any{"single": map[string]any{"time": "2027-03-01T09:00:00.5+08:00"}}, sh, after, 1, 0, "has a fraction of a second"},
		{"gap", map[string]any{"single": map[string]any{"time": "2027-03-14 02:30:00"}}, "America/New_York", after, 1, 0, `trigger.single.time: "2027-03-14 02:30:00" does not exist in America/New_York`},
		{"repeat", periodical("2027-11-07 01:30:00", "2027-11-30 00:00:00", "10:00:00", "day", 1, nil), "America/New_York", after, 1, 0, "trigger.periodical.start: \"2027-11-07 01:30:00\" is sent to JPush as the wall clock"},
		{"end before start", periodical("2027-01-31 00:00:00", "2027-01-01 00:00:00", "10:00:00", "day", 1, nil), sh, after, 1, 0, "trigger.periodical.end: end 2027-01-01 00:00:00 must be after trigger.periodical.start 2027-01-31 00:00:00"},
		{"span over a year", periodical("2027-01-01 00:00:00", "2028-01-01 00:00:01", "10:00:00", "day", 1, nil), sh, after, 1, 0, "is more than one year after trigger.periodical.start"},
		{"never fires", periodical("2027-01-01 00:00:00", "2027-01-20 00:00:00", "10:00:00", "month", 1, []string{"25"}), sh, after, 1, 0, "trigger.periodical.end: the schedule would first fire at 2027-01-25 10:00:00, after end 2027-01-20 00:00:00 (10:00:00 in Asia/Shanghai); JPush rejects it."},
		{"bad zone", ok, "Mars/Olympus", after, 1, 1, `time_zone: "Mars/Olympus" is not an IANA time zone name`},
		{"empty zone", ok, "", after, 1, 1, `time_zone: "" is not allowed`},
		{"bad after", ok, sh, "2027-01-01 00:00:00", 1, 2, `after: "2027-01-01 00:00:00" is not an RFC 3339 instant`},
		{"count 0", ok, sh, after, 0, 3, "count is 0; it must be between 1 and 100."},
		{"count 101", ok, sh, after, 101, 3, "count is 101; it must be between 1 and 100."},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ferr := callNextPushes(c.trigger, c.zone, c.after, c.count)
			if ferr == nil {
				t.Fatalf("no error; got %v", got)
			}
			if ferr.FunctionArgument == nil || *ferr.FunctionArgument != c.arg {
				t.Errorf("error names argument %v, want %d", ferr.FunctionArgument, c.arg)
			}
			if !strings.Contains(ferr.Text, c.want) {
				t.Errorf("error %q\ndoes not contain %q", ferr.Text, c.want)
			}
		})
	}
}

func TestWallClock(t *testing.T) {
	call := func(s, zone string) (string, *function.FuncError) {
		ctx := t.Context()
		resp := function.RunResponse{Result: function.NewResultData(types.StringUnknown())}
		NewWallClock().Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
			types.StringValue(s), types.StringValue(zone),
		})}, &resp)
		return resp.Result.Value().(types.String).ValueString(), resp.Error
	}
	for in, want := range map[string]string{
		"2027-01-01T00:30:00Z":      "2027-01-01 08:30:00",
		"2027-01-01T08:30:00+08:00": "2027-01-01 08:30:00",
		"2027-01-01 08:30:00":       "2027-01-01 08:30:00",
	} {
		if got, ferr := call(in, "Asia/Shanghai"); ferr != nil || got != want {
			t.Errorf("wall_clock(%q) = %q, %v; want %q", in, got, ferr, want)
		}
	}
	for in, want := range map[string]string{
		"2027-03-14 02:30:00":       "does not exist in America/New_York",
		"2027-11-07T05:30:00Z":      "happens twice there",
		"2027-01-01T00:30:00.5Z":    "has a fraction of a second",
		"2027-02-30 00:00:00":       "is not a valid time",
		"2027-01-01T00:30:00+25:00": "is not a valid time",
	} {
		_, ferr := call(in, "America/New_York")
		if ferr == nil || *ferr.FunctionArgument != 0 || !strings.Contains(ferr.Text, want) {
			t.Errorf("wall_clock(%q): error %v, want argument 0 saying %q", in, ferr, want)
		}
	}
	if _, ferr := call("2027-01-01T00:30:00Z", "Local"); ferr == nil || *ferr.FunctionArgument != 1 {
		t.Errorf("wall_clock with time_zone Local: error %v, want one on argument 1", ferr)
	}
}
