package lifecycle

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// The plan reads JPush's clock only when a rule needs it: a plan that
// fails a daylight-saving or span rule never asks.
func TestPlanClockReadOnlyWhenNeeded(t *testing.T) {
	ny, _ := client.LoadLocation("America/New_York")
	reads := 0
	clock := &trigger.Clock{Read: func() trigger.Reading {
		reads++
		return trigger.Reading{Now: nyTestNow, Name: trigger.JPushClockName, How: trigger.JPushClockHow}
	}}
	for _, tm := range []*trigger.Model{
		{Single: &trigger.SingleModel{Time: types.StringValue("2027-03-14 02:30:00")}},
		{Periodical: &trigger.PeriodicalModel{
			Start: types.StringValue("2027-02-01 00:00:00"), End: types.StringValue("2028-02-02 00:00:00"), Time: types.StringValue("09:00:00"),
			TimeUnit: types.StringValue("day"), Frequency: types.Int64Value(1), Point: types.ListNull(types.StringType),
		}},
	} {
		if d := tm.Check(context.Background(), ny, clock, true, nil); !d.HasError() {
			t.Errorf("%+v: no error", tm)
		}
	}
	if reads != 0 {
		t.Errorf("the clock was read %d times", reads)
	}
	single := &trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue("2027-02-01 09:00:00")}}
	single.Check(context.Background(), ny, clock, true, nil)
	single.Check(context.Background(), ny, clock, true, nil)
	if reads != 1 {
		t.Errorf("the clock was read %d times for two checks of one plan, want 1", reads)
	}
}

// When JPush cannot be reached, the plan judges by the machine's clock and
// says so.
func TestPlanClockFallsBackToLocalClockAndSaysSo(t *testing.T) {
	c, err := client.New(client.Config{
		Endpoint: "http://127.0.0.1:1", AppKey: emulator.DefaultAppKey, MasterSecret: emulator.DefaultMasterSecret,
		MaxRetries: -1, RequestTimeout: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	b := &Base{}
	b.Data = &conn.ProviderData{Client: c, Location: time.UTC}
	k := b.PlanClock(context.Background()).Get()
	if k.Name != "this machine's current time" || !strings.Contains(k.How, "JPush could not be asked for its time") ||
		time.Since(k.Now) > time.Minute {
		t.Errorf("got %+v", k)
	}
	tm := &trigger.Model{Single: &trigger.SingleModel{Time: types.StringValue("2001-01-01T00:00:00Z")}}
	d := tm.Check(context.Background(), time.UTC, b.PlanClock(context.Background()), true, nil)
	if len(d.Errors()) != 1 || !strings.Contains(d.Errors()[0].Detail(), "not after this machine's current time") {
		t.Errorf("got %v", d)
	}
}

// nyTestNow is the emulator's virtual now in these tests (as in the root package's time_rules_acc_test.go).
var nyTestNow = time.Date(2027, 1, 10, 17, 0, 0, 0, time.UTC)
