package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/datasources"
)

const dsPush = `{"platform":"all","audience":"all","notification":{"alert":"hi"}}`

// dsMaker creates schedules directly in the emulator (not via Terraform).
type dsMaker struct {
	t    *testing.T
	e    *accEnv
	c    *client.Client
	n    int
	at   time.Time // singles fire a minute apart from here
	base time.Time // periodicals run from a minute after here, for 30 days
}

func newDSMaker(t *testing.T, e *accEnv) *dsMaker {
	now := e.now()
	return &dsMaker{t: t, e: e, c: tplClient(t, e), at: now.Add(24 * time.Hour), base: now}
}

func (m *dsMaker) single(name string) string {
	m.n++
	at := m.at.Add(time.Duration(m.n) * time.Minute)
	return m.create(&client.Schedule{Name: name, Enabled: true, Trigger: client.Trigger{Single: &client.SingleTrigger{Time: m.e.wire(at)}}, Push: json.RawMessage(dsPush)})
}

func (m *dsMaker) periodical(name string) string {
	return m.create(&client.Schedule{Name: name, Enabled: true, Push: json.RawMessage(dsPush), Trigger: client.Trigger{Periodical: &client.PeriodicalTrigger{
		Start: m.e.wire(m.base.Add(time.Minute)), End: m.e.wire(m.base.Add(30 * 24 * time.Hour)), Time: "08:30:00", TimeUnit: "week", Frequency: 1, Point: []string{"MON", "THU"},
	}}})
}

func (m *dsMaker) create(s *client.Schedule) string {
	m.t.Helper()
	res, err := m.c.CreateSchedule(context.Background(), s)
	if err != nil {
		m.t.Fatalf("create %s: %v", s.Name, err)
	}
	return res.ScheduleID
}

func (m *dsMaker) disable(id string) {
	f := false
	if _, err := m.c.UpdateSchedule(context.Background(), id, &client.ScheduleUpdate{Enabled: &f}); err != nil {
		m.t.Fatal(err)
	}
}

func (m *dsMaker) singles(n int) func() {
	return func() {
		for i := 0; i < n; i++ {
			m.single(fmt.Sprintf("bulk_%d", m.n))
		}
	}
}

// dsCheckAllListed asserts that the data source lists exactly the
// emulator's schedules, in order.
func dsCheckAllListed(e *accEnv, name string, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		a := rs.Primary.Attributes
		if got := a["schedules.#"]; got != strconv.Itoa(want) {
			return fmt.Errorf("schedules.# = %s, want %d", got, want)
		}
		ids := e.srv.ScheduleIDs()
		if len(ids) != want {
			return fmt.Errorf("emulator has %d schedules, want %d", len(ids), want)
		}
		for i, id := range ids {
			if got := a[fmt.Sprintf("schedules.%d.id", i)]; got != id {
				return fmt.Errorf("schedules.%d.id = %s, want %s", i, got, id)
			}
		}
		return nil
	}
}

func TestAccDataSourceSchedules_pages(t *testing.T) {
	e := newAccEnv(t, nil)
	quota := 200
	e.srv.Configure(emulator.Config{ScheduleQuota: &quota})
	m := newDSMaker(t, e)
	cfg := e.providerConfig() + `
data "jpush_schedules" "all" {}
`
	step := func(pre func(), want int) resource.TestStep {
		return resource.TestStep{PreConfig: pre, Config: cfg, Check: dsCheckAllListed(e, "data.jpush_schedules.all", want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			step(nil, 0),
			step(m.singles(1), 1),
			step(m.singles(49), 50),
			step(m.singles(1), 51),
			step(m.singles(69), 120),
		},
	})
}

func TestAccDataSourceSchedules_filters(t *testing.T) {
	e := newAccEnv(t, nil)
	m := newDSMaker(t, e)
	a1 := m.single("alpha_1")
	a2 := m.periodical("alpha_2")
	b1 := m.single("beta_1")
	b2 := m.periodical("beta_2")
	m.disable(b1)
	m.disable(b2)
	a1at := m.at.Add(time.Minute) // the first single made
	wantPush, _ := client.CanonicalPush(json.RawMessage(dsPush))
	now := m.base
	cfg := e.providerConfig() + `
data "jpush_schedules" "name" {
  name = "alpha_1"
}
data "jpush_schedules" "prefix" {
  name_prefix = "beta_"
}
data "jpush_schedules" "disabled" {
  enabled = false
}
data "jpush_schedules" "enabled" {
  enabled = true
}
data "jpush_schedules" "periodical" {
  trigger_kind = "periodical"
}
data "jpush_schedules" "alpha_single" {
  name_prefix  = "alpha"
  trigger_kind = "single"
}
data "jpush_schedules" "none" {
  name = "alpha"
}
`
	ids := func(name string, want ...string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			a := s.RootModule().Resources[name].Primary.Attributes
			var got []string
			n, _ := strconv.Atoi(a["schedules.#"])
			for i := 0; i < n; i++ {
				got = append(got, a[fmt.Sprintf("schedules.%d.id", i)])
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Errorf("%s: got %v, want %v", name, got, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{
				Config: e.providerConfig() + `
data "jpush_schedules" "bad" {
  trigger_kind = "weekly"
}
`,
				ExpectError: regexp.MustCompile(`trigger_kind`),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					ids("data.jpush_schedules.name", a1),
					ids("data.jpush_schedules.prefix", b1, b2),
					ids("data.jpush_schedules.disabled", b1, b2),
					ids("data.jpush_schedules.enabled", a1, a2),
					ids("data.jpush_schedules.periodical", a2, b2),
					ids("data.jpush_schedules.alpha_single", a1),
					ids("data.jpush_schedules.none"),
					resource.TestCheckResourceAttr("data.jpush_schedules.name", "id", "name=alpha_1"),
					resource.TestCheckResourceAttr("data.jpush_schedules.name", "schedules.0.name", "alpha_1"),
					resource.TestCheckResourceAttr("data.jpush_schedules.name", "schedules.0.enabled", "true"),
					resource.TestCheckResourceAttr("data.jpush_schedules.name", "schedules.0.trigger.single.time", a1at.In(e.loc).Format(time.RFC3339)),
					resource.TestCheckNoResourceAttr("data.jpush_schedules.name", "schedules.0.trigger.periodical"),
					resource.TestCheckResourceAttr("data.jpush_schedules.name", "schedules.0.push_json", string(wantPush)),
					resource.TestCheckResourceAttr("data.jpush_schedules.prefix", "schedules.0.enabled", "false"),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.start", now.Add(time.Minute).In(e.loc).Format(time.RFC3339)),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.end", now.Add(30*24*time.Hour).In(e.loc).Format(time.RFC3339)),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.time", "08:30:00"),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.time_unit", "week"),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.frequency", "1"),
					resource.TestCheckResourceAttr("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.point.#", "2"),
					resource.TestCheckResourceAttrPair("data.jpush_schedules.periodical", "schedules.0.trigger.periodical.end",
						"data.jpush_schedules.periodical", "schedules.1.trigger.periodical.end"),
				),
			},
		},
	})
}

func TestAccDataSourceScheduleMsgIDs(t *testing.T) {
	e := newAccEnv(t, nil)
	m := newDSMaker(t, e)
	now := e.now()
	first := now.Add(time.Hour)
	periodicalID := m.create(&client.Schedule{Name: "daily", Enabled: true, Push: json.RawMessage(dsPush), Trigger: client.Trigger{Periodical: &client.PeriodicalTrigger{
		Start: e.wire(now.Add(time.Minute)), End: e.wire(now.Add(10 * 24 * time.Hour)), Time: first.In(e.loc).Format("15:04:05"), TimeUnit: "day", Frequency: 1,
	}}})
	e.srv.Advance(72 * time.Hour) // fires at first, first+24h, first+48h
	m.c = tplClient(t, e)         // the old client's pooled CIDs are a virtual day old now
	legacyID := m.create(&client.Schedule{
		Name: "legacy", Enabled: true, Push: json.RawMessage(dsPush),
		Trigger: client.Trigger{Single: &client.SingleTrigger{Time: e.wire(e.now().Add(48 * time.Hour))}},
	})
	if err := e.srv.SetLegacyMsgIDs(legacyID, []string{"1234567", "2234567"}); err != nil {
		t.Fatal(err)
	}
	cfg := e.providerConfig() + fmt.Sprintf(`
data "jpush_schedule_msg_ids" "periodical" {
  schedule_id = %q
}
data "jpush_schedule_msg_ids" "legacy" {
  schedule_id = %q
}
`, periodicalID, legacyID)
	const p, l = "data.jpush_schedule_msg_ids.periodical", "data.jpush_schedule_msg_ids.legacy"
	checks := []resource.TestCheckFunc{
		resource.TestCheckResourceAttr(p, "id", periodicalID),
		resource.TestCheckResourceAttr(p, "msg_count", "3"),
		resource.TestCheckResourceAttr(p, "msg_ids.#", "3"),
		resource.TestCheckResourceAttr(l, "msg_count", "2"),
		resource.TestCheckResourceAttr(l, "msg_ids.#", "2"),
		resource.TestCheckResourceAttr(l, "msg_ids.0.msg_id", "1234567"),
		resource.TestCheckResourceAttr(l, "msg_ids.1.msg_id", "2234567"),
		resource.TestCheckResourceAttr(l, "msg_ids.1.error_code", "0"),
		resource.TestCheckNoResourceAttr(l, "msg_ids.0.sent_at"),
		resource.TestCheckNoResourceAttr(l, "msg_ids.1.sent_at"),
	}
	var msgIDs []string
	for i := 0; i < 3; i++ {
		idx := strconv.Itoa(i)
		checks = append(checks,
			resource.TestCheckResourceAttr(p, "msg_ids."+idx+".sent_at", first.Add(time.Duration(i)*24*time.Hour).In(e.loc).Format(time.RFC3339)),
			resource.TestCheckResourceAttr(p, "msg_ids."+idx+".error_code", "0"),
			resource.TestCheckResourceAttr(p, "msg_ids."+idx+".error_message", ""),
			resource.TestCheckResourceAttr(p, "msg_ids."+idx+".need_retry", "false"),
			resource.TestCheckResourceAttrWith(p, "msg_ids."+idx+".msg_id", func(v string) error {
				if v == "" {
					return fmt.Errorf("empty msg_id")
				}
				msgIDs = append(msgIDs, v)
				return nil
			}),
		)
	}
	checks = append(checks, func(*terraform.State) error {
		sorted := append([]string(nil), msgIDs...)
		sort.Strings(sorted)
		for i := 1; i < len(sorted); i++ {
			if sorted[i] == sorted[i-1] {
				return fmt.Errorf("duplicate msg_id %s", sorted[i])
			}
		}
		return nil
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(checks...)},
			{
				Config: e.providerConfig() + `
data "jpush_schedule_msg_ids" "missing" {
  schedule_id = "00000000-0000-4000-8000-000000000000"
}
`,
				// Unknown to JPush (fired and forgotten, deleted or mistyped): a
				// warning and no entries, so the configuration still plans.
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.jpush_schedule_msg_ids.missing", "msg_count", "0"),
					resource.TestCheckResourceAttr("data.jpush_schedule_msg_ids.missing", "msg_ids.#", "0"),
				),
			},
		},
	})
}

func TestDataSourceSchemaDescriptions(t *testing.T) {
	var missing []string
	for name, ds := range map[string]interface {
		Schema(context.Context, datasource.SchemaRequest, *datasource.SchemaResponse)
	}{
		"jpush_schedules":        datasources.NewSchedules().(*datasources.SchedulesDataSource),
		"jpush_schedule_msg_ids": datasources.NewScheduleMsgIDs().(*datasources.ScheduleMsgIDsDataSource),
	} {
		var resp datasource.SchemaResponse
		ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
		if resp.Schema.MarkdownDescription == "" {
			missing = append(missing, name)
		}
		for k, a := range resp.Schema.Attributes {
			collectMissingDescriptions(name+"."+k, a, &missing)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("attributes without a MarkdownDescription: %v", missing)
	}
}
