package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

// The differential test of issue 11: generated schedules go through the
// provider's plan-time validation (ValidateResourceConfig and
// PlanResourceChange, in process through the provider server, exactly the
// calls `terraform plan` makes for a new resource) and through the
// emulator's create validation (Emulator.CheckCreate, the rules JPush
// applies to POST /v3/schedules). Both must accept, or both reject.
//
// Clock-dependent rules (a single time in the future and within a year of
// now, a periodical end in the future) are plan warnings, not errors, so
// that a plan before a destroy never fails (issue 10): the generator keeps
// every time well inside them, and warnings are not verdicts here.

type diffEnv struct {
	srv tfprotov6.ProviderServer
	emu *emulator.Server
	typ tftypes.Type
}

var (
	diffOnce sync.Once
	diffE    *diffEnv
	diffErr  error
)

// sharedDiffEnv starts one emulator and one configured provider server for
// every case (and every fuzz input) of the process.
func sharedDiffEnv(t testing.TB) *diffEnv {
	diffOnce.Do(func() { diffE, diffErr = startDiffEnv() })
	if diffErr != nil {
		t.Fatal(diffErr)
	}
	return diffE
}

func startDiffEnv() (*diffEnv, error) {
	ctx := context.Background()
	emu, err := emulator.Start(emulator.Options{Location: framework.DefaultLocation})
	if err != nil {
		return nil, err
	}
	off := 0
	emu.Configure(emulator.Config{RateLimitPerMinute: &off})
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		return nil, err
	}
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	pcfg, err := dynamicValue(sch.Provider.ValueType(), map[string]any{
		"app_key": emulator.DefaultAppKey, "master_secret": emulator.DefaultMasterSecret, "endpoint": emu.URL,
	})
	if err != nil {
		return nil, err
	}
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pcfg})
	if err != nil {
		return nil, fmt.Errorf("configure: %w", err)
	}
	if len(errorDiags(cr.Diagnostics)) > 0 {
		return nil, fmt.Errorf("configure: %v", cr.Diagnostics)
	}
	return &diffEnv{srv: srv, emu: emu, typ: sch.ResourceSchemas["jpush_schedule"].ValueType()}, nil
}

func dynamicValue(typ tftypes.Type, v map[string]any) (*tfprotov6.DynamicValue, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	val, err := (&tfprotov6.RawState{JSON: raw}).UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{})
	if err != nil {
		return nil, err
	}
	dv, err := tfprotov6.NewDynamicValue(typ, val)
	return &dv, err
}

func errorDiags(ds []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			out = append(out, d)
		}
	}
	return out
}

// planErrors runs what `terraform plan` runs for a new resource and
// returns its errors (warnings are not verdicts).
func (e *diffEnv) planErrors(t testing.TB, cfg map[string]any) []*tfprotov6.Diagnostic {
	ctx := context.Background()
	config, val, err := e.configValue(cfg)
	if err != nil {
		t.Fatalf("config %v: %v", cfg, err)
	}
	vr, err := e.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "jpush_schedule", Config: config})
	if err != nil {
		t.Fatal(err)
	}
	if errs := errorDiags(vr.Diagnostics); len(errs) > 0 {
		return errs
	}
	// The proposed new state of a create: the configuration, with the
	// default of enabled.
	var attrs map[string]tftypes.Value
	if err := val.As(&attrs); err != nil {
		t.Fatal(err)
	}
	attrs["enabled"] = tftypes.NewValue(tftypes.Bool, true)
	prop, err := tfprotov6.NewDynamicValue(e.typ, tftypes.NewValue(e.typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	null, err := tfprotov6.NewDynamicValue(e.typ, tftypes.NewValue(e.typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	pr, err := e.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "jpush_schedule", PriorState: &null, ProposedNewState: &prop, Config: config,
	})
	if err != nil {
		t.Fatal(err)
	}
	return errorDiags(pr.Diagnostics)
}

func (e *diffEnv) configValue(cfg map[string]any) (*tfprotov6.DynamicValue, tftypes.Value, error) {
	raw, err := json.Marshal(cfg)
	if err != nil {
		return nil, tftypes.Value{}, err
	}
	val, err := (&tfprotov6.RawState{JSON: raw}).UnmarshalWithOpts(e.typ, tfprotov6.UnmarshalOpts{})
	if err != nil {
		return nil, tftypes.Value{}, err
	}
	dv, err := tfprotov6.NewDynamicValue(e.typ, val)
	return &dv, val, err
}

type diffResult struct {
	cases, accepted, rejected int
	disagreements             []string
}

// runDifferential generates n cases from seed and compares the verdicts.
// The cases are generated in order (the seed fixes them) and judged on
// every CPU.
func runDifferential(t testing.TB, seed int64, n int) diffResult {
	e := sharedDiffEnv(t)
	g := &gen{r: rand.New(rand.NewSource(seed)), now: e.emu.Now(), loc: framework.DefaultLocation}
	cases := make([]genCase, n)
	for i := range cases {
		cases[i] = g.next()
	}
	verdicts := make([]string, n) // a disagreement, or ""
	codes := make([]int, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				codes[i], verdicts[i] = e.judge(t, i, cases[i])
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	res := diffResult{cases: n}
	for i := range cases {
		if codes[i] == 0 {
			res.accepted++
		} else {
			res.rejected++
		}
		if verdicts[i] != "" {
			res.disagreements = append(res.disagreements, verdicts[i])
		}
	}
	return res
}

// judge returns the emulator's code for a case and, when the provider's
// plan disagrees with it (or rejects without naming an attribute), why.
func (e *diffEnv) judge(t testing.TB, i int, c genCase) (int, string) {
	body, err := json.Marshal(c.body)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	code, msg := e.emu.CheckCreate(body)
	errs := e.planErrors(t, c.config)
	switch {
	case code != 0 && len(errs) == 0:
		return code, fmt.Sprintf("case %d (%s): plan passes, JPush rejects with %d: %s\nbody: %.600s", i, c.desc, code, msg, body)
	case code == 0 && len(errs) > 0:
		return code, fmt.Sprintf("case %d (%s): JPush accepts, plan fails: %s: %s\nbody: %.600s", i, c.desc, errs[0].Summary, errs[0].Detail, body)
	}
	for _, d := range errs {
		if d.Attribute == nil || len(d.Attribute.Steps()) == 0 {
			return code, fmt.Sprintf("case %d: plan error names no attribute: %s: %s", i, d.Summary, d.Detail)
		}
	}
	return code, ""
}

func diffCases() int {
	if s := os.Getenv("JPUSH_DIFF_CASES"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	return 5000
}

// TestRulesDifferential is the bounded run of `make test` (5,000 cases;
// JPUSH_DIFF_CASES changes it).
func TestRulesDifferential(t *testing.T) {
	res := runDifferential(t, 11, diffCases())
	t.Logf("emulator requests during the run: %v", sharedDiffEnv(t).emu.Stats().Requests)
	t.Logf("differential: %d cases, JPush accepts %d, rejects %d, %d disagreements",
		res.cases, res.accepted, res.rejected, len(res.disagreements))
	if res.accepted < res.cases/10 || res.rejected < res.cases/10 {
		t.Errorf("the generator is lopsided: %d accepted, %d rejected", res.accepted, res.rejected)
	}
	for i, d := range res.disagreements {
		if i == 20 {
			t.Errorf("... and %d more", len(res.disagreements)-20)
			break
		}
		t.Error(d)
	}
}

// FuzzRulesDifferential is the long run (scripts/fuzz.sh): every input is
// a seed for 20 generated cases.
func FuzzRulesDifferential(f *testing.F) {
	for _, s := range []int64{1, 2, 3, 11} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		res := runDifferential(t, seed, 20)
		if len(res.disagreements) > 0 {
			t.Fatal(strings.Join(res.disagreements, "\n"))
		}
	})
}
