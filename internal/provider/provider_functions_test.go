package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/functions"
)

// TestNextPushesErrorsSayWhatThePlanSays holds next_pushes' errors to the
// words of jpush_schedule's plan: each bad trigger is planned (in process,
// the calls `terraform plan` makes) in America/New_York, and one of the
// plan's errors must have exactly the function's error text as its detail.
// (A frequency out of range and an unknown time_unit are left out: the
// resource reports them with the framework's own validators.)
func TestNextPushesErrorsSayWhatThePlanSays(t *testing.T) {
	const zone = "America/New_York"
	e := startZoneDiffEnv(t, zone)
	per := func(start, end, tod, unit string, points ...string) map[string]any {
		p := map[string]any{"start": start, "end": end, "time": tod, "time_unit": unit, "frequency": 1}
		if points != nil {
			p["point"] = points
		}
		return map[string]any{"periodical": p}
	}
	single := func(at string) map[string]any { return map[string]any{"single": map[string]any{"time": at}} }
	for name, trigger := range map[string]map[string]any{
		"not a time":          single("tomorrow"),
		"a fraction":          single("2027-06-01T09:00:00.5-04:00"),
		"in a gap":            single("2027-03-14 02:30:00"),
		"in a repeated hour":  per("2027-11-07 01:30:00", "2027-11-30 00:00:00", "10:00:00", "day"),
		"an RFC 3339 repeat":  per("2027-10-01 00:00:00", "2027-11-07T01:30:00-05:00", "10:00:00", "day"),
		"bad time of day":     per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "8:30", "day"),
		"bad week day":        per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "week", "MON", "MOON"),
		"point for day":       per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "day", "01"),
		"no month point":      per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "month"),
		"month day 32":        per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "month", "32"),
		"end before start":    per("2027-06-30 00:00:00", "2027-06-01 00:00:00", "08:30:00", "day"),
		"span over a year":    per("2027-06-01 00:00:00", "2028-06-01 00:00:01", "08:30:00", "day"),
		"never fires":         per("2027-06-01 00:00:00", "2027-06-20 00:00:00", "08:30:00", "month", "25"),
		"never fires at all":  per("2027-06-01 00:00:00", "2027-06-20 00:00:00", "08:30:00", "month", "31"),
		"both kinds":          {"single": map[string]any{"time": "2027-06-01 09:00:00"}, "periodical": per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "day")["periodical"]},
		"neither kind":        {},
		"first fire past end": per("2027-06-01 09:00:00", "2027-06-01 10:00:00", "08:30:00", "day"),
		"time unit weeks":     per("2027-06-01 00:00:00", "2027-06-30 00:00:00", "08:30:00", "weeks"),
		"frequency 0": {"periodical": map[string]any{
			"start": "2027-06-01 00:00:00", "end": "2027-06-30 00:00:00", "time": "08:30:00", "time_unit": "day", "frequency": 0,
		}},
	} {
		t.Run(name, func(t *testing.T) {
			ferr := callNextPushesFor(trigger, zone)
			if ferr == nil || ferr.FunctionArgument == nil || *ferr.FunctionArgument != 0 {
				t.Fatalf("next_pushes: %v, want an error on its trigger argument", ferr)
			}
			errs := e.planErrors(t, map[string]any{"name": "words", "trigger": trigger, "push_json": `{"platform":"all","audience":"all","notification":{"alert":"x"}}`})
			var details []string
			for _, d := range errs {
				if d.Detail == ferr.Text {
					return
				}
				details = append(details, d.Summary+": "+d.Detail)
			}
			t.Fatalf("next_pushes says\n  %s\nbut the plan says\n  %s", ferr.Text, strings.Join(details, "\n  "))
		})
	}
}

// startZoneDiffEnv is startDiffEnv with the provider's time_zone set.
func startZoneDiffEnv(t *testing.T, zone string) *diffEnv {
	ctx := t.Context()
	loc, err := client.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	emu, err := emulator.Start(emulator.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	pcfg, err := dynamicValue(sch.Provider.ValueType(), map[string]any{
		"app_key": emulator.DefaultAppKey, "master_secret": emulator.DefaultMasterSecret, "endpoint": emu.URL, "time_zone": zone,
	})
	if err != nil {
		t.Fatal(err)
	}
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pcfg})
	if err != nil || len(errorDiags(cr.Diagnostics)) > 0 {
		t.Fatalf("configure: %v %v", err, cr.Diagnostics)
	}
	return &diffEnv{srv: srv, emu: emu, typ: sch.ResourceSchemas["jpush_schedule"].ValueType()}
}

// callNextPushesFor calls next_pushes on a trigger written as JSON-like Go
// values, as Terraform passes an HCL object literal.
func callNextPushesFor(trigger map[string]any, zone string) *function.FuncError {
	resp := function.RunResponse{Result: function.NewResultData(types.ListUnknown(types.StringType))}
	functions.NewNextPushes().Run(context.Background(), function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
		types.DynamicValue(hclValue(trigger)), types.StringValue(zone), types.StringValue("2027-01-01T00:00:00Z"), types.Int64Value(3),
	})}, &resp)
	return resp.Error
}

func hclValue(v any) attr.Value {
	switch x := v.(type) {
	case string:
		return types.StringValue(x)
	case int:
		return types.NumberValue(big.NewFloat(float64(x)))
	case []string:
		vals, typs := make([]attr.Value, len(x)), make([]attr.Type, len(x))
		for i, s := range x {
			vals[i], typs[i] = types.StringValue(s), types.StringType
		}
		return types.TupleValueMust(typs, vals)
	case map[string]any:
		vals, typs := map[string]attr.Value{}, map[string]attr.Type{}
		for k, e := range x {
			vals[k] = hclValue(e)
			typs[k] = vals[k].Type(context.Background())
		}
		return types.ObjectValueMust(typs, vals)
	}
	panic(fmt.Sprintf("hclValue: %T", v))
}
