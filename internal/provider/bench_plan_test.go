package provider

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// Per-resource cost of the plugin-protocol calls Terraform makes for one
// jpush_schedule in the benchmark harness (tools/bench), measured in process
// through the framework's provider server, with no Terraform and no gRPC:
//
//	go test -run '^$' -bench . -benchmem ./internal/provider/
//
// The value is the harness's: a single trigger, platform, audience.tag and
// notification.alert, every other push attribute null. The "json" variants
// send the same push as push_json.

type benchEnv struct {
	srv    tfprotov6.ProviderServer
	emuURL string // the emulator's endpoint
	id     string // the schedule's id
	typ    tftypes.Type
	config *tfprotov6.DynamicValue // the configuration (computed attributes null, as Terraform sends it)
	state  *tfprotov6.DynamicValue // the state after the create
	edited *tfprotov6.DynamicValue // the configuration with another name
	editSt *tfprotov6.DynamicValue // proposed new state for the edit
	stJSON []byte                  // the state as Terraform stores it (JSON)
}

const benchResource = "jpush_schedule"

// newBenchEnv serves the provider against an in-process emulator (no
// latency, no rate limit), configures it and creates one schedule.
func newBenchEnv(b testing.TB, jsonPush bool) *benchEnv {
	b.Helper()
	ctx := context.Background()
	emu, err := emulator.Start(emulator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(emu.Close)
	off := 0
	emu.Configure(emulator.Config{RateLimitPerMinute: &off})

	srv, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(sch.Diagnostics) > 0 {
		b.Fatalf("schema: %v %v", err, sch.Diagnostics)
	}
	pTyp := sch.Provider.ValueType()
	pcfg := benchDV(b, pTyp, map[string]any{
		"app_key": emulator.DefaultAppKey, "master_secret": emulator.DefaultMasterSecret, "endpoint": emu.URL,
	})
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pcfg})
	benchDiags(b, "configure", err, cr.Diagnostics)

	e := &benchEnv{srv: srv, emuURL: emu.URL, typ: sch.ResourceSchemas[benchResource].ValueType()}
	fire := emu.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	cfg := func(name string) map[string]any {
		m := map[string]any{"name": name, "trigger": map[string]any{"single": map[string]any{"time": fire}}}
		push := map[string]any{
			"platform":     []any{"android", "ios"},
			"audience":     map[string]any{"tag": []any{"bench"}},
			"notification": map[string]any{"alert": "bench 0"},
		}
		if jsonPush {
			raw, _ := json.Marshal(push)
			m["push_json"] = string(raw)
		} else {
			m["push"] = push
		}
		return m
	}
	e.config = benchDV(b, e.typ, cfg("bench_0_a"))
	e.edited = benchDV(b, e.typ, cfg("bench_0_b"))

	// Create it the way Terraform does: plan from a null state, then apply.
	proposed := cfg("bench_0_a")
	proposed["enabled"] = true
	pl := e.plan(b, nil, benchDV(b, e.typ, proposed), e.config)
	ar, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: benchResource, PriorState: benchNull(b, e.typ), PlannedState: pl.PlannedState, Config: e.config,
	})
	benchDiags(b, "create", err, ar.Diagnostics)
	e.state = ar.NewState

	// The edit's proposed new state: the state with the new name.
	st, err := e.state.Unmarshal(e.typ)
	if err != nil {
		b.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := st.As(&attrs); err != nil {
		b.Fatal(err)
	}
	if e.stJSON, err = json.Marshal(benchJSON(st)); err != nil {
		b.Fatal(err)
	}
	if err := attrs["id"].As(&e.id); err != nil {
		b.Fatal(err)
	}
	attrs["name"] = tftypes.NewValue(tftypes.String, "bench_0_b")
	v := tftypes.NewValue(e.typ, attrs)
	ed, err := tfprotov6.NewDynamicValue(e.typ, v)
	if err != nil {
		b.Fatal(err)
	}
	e.editSt = &ed
	return e
}

func (e *benchEnv) plan(b testing.TB, prior, proposed, config *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeResponse {
	if prior == nil {
		prior = benchNull(b, e.typ)
	}
	r, err := e.srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: benchResource, PriorState: prior, ProposedNewState: proposed, Config: config,
	})
	benchDiags(b, "plan", err, r.Diagnostics)
	return r
}

func benchDV(b testing.TB, typ tftypes.Type, v map[string]any) *tfprotov6.DynamicValue {
	b.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		b.Fatal(err)
	}
	// Attributes missing from the JSON are null.
	val, err := (&tfprotov6.RawState{JSON: raw}).UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{})
	if err != nil {
		b.Fatal(err)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, val)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func benchNull(b testing.TB, typ tftypes.Type) *tfprotov6.DynamicValue {
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func benchDiags(b testing.TB, what string, err error, diags []*tfprotov6.Diagnostic) {
	b.Helper()
	if err != nil {
		b.Fatalf("%s: %v", what, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			b.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

func benchBoth(b *testing.B, f func(b *testing.B, e *benchEnv)) {
	for _, c := range []struct {
		name string
		json bool
	}{{"typed", false}, {"json", true}} {
		b.Run(c.name, func(b *testing.B) {
			e := newBenchEnv(b, c.json)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				f(b, e)
			}
		})
	}
}

// ValidateResourceConfig: once per resource in every plan and apply.
func BenchmarkScheduleValidate(b *testing.B) {
	benchBoth(b, func(b *testing.B, e *benchEnv) {
		r, err := e.srv.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: benchResource, Config: e.config,
		})
		benchDiags(b, "validate", err, r.Diagnostics)
	})
}

// PlanResourceChange of an unchanged schedule (the no-change plan).
func BenchmarkSchedulePlanNoChange(b *testing.B) {
	benchBoth(b, func(b *testing.B, e *benchEnv) {
		r := e.plan(b, e.state, e.state, e.config)
		if len(r.RequiresReplace) > 0 {
			b.Fatal("unexpected replacement")
		}
	})
}

// PlanResourceChange of a renamed schedule (the update's plan, run twice
// by Terraform: in the plan and again in the apply walk).
func BenchmarkSchedulePlanUpdate(b *testing.B) {
	benchBoth(b, func(b *testing.B, e *benchEnv) {
		e.plan(b, e.state, e.editSt, e.edited)
	})
}

// ReadResource of an unchanged schedule (the refresh; the list snapshot is
// cached after the first call, as in a Terraform command).
func BenchmarkScheduleRead(b *testing.B) {
	benchBoth(b, func(b *testing.B, e *benchEnv) {
		r, err := e.srv.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
			TypeName: benchResource, CurrentState: e.state,
		})
		benchDiags(b, "read", err, r.Diagnostics)
	})
}

// UpgradeResourceState of the stored state (Terraform runs it on every
// resource before the refresh).
func BenchmarkScheduleUpgradeState(b *testing.B) {
	benchBoth(b, func(b *testing.B, e *benchEnv) {
		r, err := e.srv.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
			TypeName: benchResource, RawState: &tfprotov6.RawState{JSON: e.stJSON},
		})
		benchDiags(b, "upgrade", err, r.Diagnostics)
	})
}

// benchJSON turns a known tftypes value into plain Go values for JSON.
func benchJSON(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var x bool
		_ = v.As(&x)
		return x
	case v.Type().Is(tftypes.Number):
		var f float64
		_ = v.As(&f)
		return f
	case v.Type().Is(tftypes.List{}), v.Type().Is(tftypes.Set{}):
		var l []tftypes.Value
		_ = v.As(&l)
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = benchJSON(e)
		}
		return out
	default:
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := make(map[string]any, len(m))
		for k, e := range m {
			out[k] = benchJSON(e)
		}
		return out
	}
}
