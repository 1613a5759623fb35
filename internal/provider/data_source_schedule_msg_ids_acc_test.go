package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// msgIDsAfterFiringConfig is a one-off push at `at` and the data source
// that reads what it sent, as a user writes them.
func msgIDsAfterFiringConfig(e *accEnv, at string) string {
	return e.providerConfig() + singleConfig("one_off", at, "true", typedPush2) + `
data "jpush_schedule_msg_ids" "sent" {
  schedule_id = jpush_schedule.test.id
}
`
}

// getStatus is the HTTP status JPush answers for a GET of path.
func (e *accEnv) getStatus(path string) (int, error) {
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
	req.SetBasicAuth(emulator.DefaultAppKey, emulator.DefaultMasterSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// checkStatuses asserts what the emulator answers for the schedule and its
// msg_ids, so each step proves which mode it runs in.
func (e *accEnv) checkStatuses(wantSchedule, wantMsgIDs int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, "jpush_schedule.test")
		if err != nil {
			return err
		}
		for path, want := range map[string]int{"/v3/schedules/" + id: wantSchedule, "/v3/schedules/" + id + "/msg_ids": wantMsgIDs} {
			got, err := e.getStatus(path)
			if err != nil {
				return err
			}
			if got != want {
				return fmt.Errorf("GET %s: HTTP %d, want %d", path, got, want)
			}
		}
		return nil
	}
}

// TestAccDataSourceScheduleMsgIDs_afterFiring walks a one-off push from
// creation to after it fired, in the emulator's default mode (GET of the
// fired schedule is 404, its msg_ids stay readable, development/jpush-api.md §10, msg_ids of a fired schedule)
// and then with msg_ids hidden too: the data source reports the run while
// JPush keeps it, and on 404 gives no entries (with a warning) instead of
// failing the plan, so the configuration still plans, applies and destroys.
func TestAccDataSourceScheduleMsgIDs_afterFiring(t *testing.T) {
	e := newAccEnv(t, nil)
	fires := e.now().Add(time.Hour)
	cfg := msgIDsAfterFiringConfig(e, rfc(fires))
	const ds = "data.jpush_schedule_msg_ids.sent"
	hidden := false
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy: func(*terraform.State) error {
			if n := len(e.srv.ScheduleIDs()); n != 0 {
				return fmt.Errorf("%d schedules left", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.checkStatuses(200, 200),
					resource.TestCheckResourceAttr(ds, "msg_count", "0"),
					resource.TestCheckResourceAttr(ds, "msg_ids.#", "0"),
				),
			},
			{
				PreConfig: func() { e.srv.Advance(2 * time.Hour) }, // the push goes out
				Config:    cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.checkStatuses(404, 200),
					resource.TestCheckResourceAttr("jpush_schedule.test", "expired", "true"),
					resource.TestCheckResourceAttr(ds, "msg_count", "1"),
					resource.TestCheckResourceAttr(ds, "msg_ids.#", "1"),
					resource.TestCheckResourceAttr(ds, "msg_ids.0.error_code", "0"),
					resource.TestCheckResourceAttr(ds, "msg_ids.0.sent_at", fires.In(e.loc).Format(time.RFC3339)),
					resource.TestCheckResourceAttrSet(ds, "msg_ids.0.msg_id"),
				),
			},
			{
				PreConfig: func() { e.srv.Configure(emulator.Config{MsgIDsVisible: &hidden}) },
				Config:    cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.checkStatuses(404, 404),
					resource.TestCheckResourceAttr("jpush_schedule.test", "expired", "true"),
					resource.TestCheckResourceAttr(ds, "msg_count", "0"),
					resource.TestCheckResourceAttr(ds, "msg_ids.#", "0"),
				),
			},
		},
	})
}

// TestAccDataSourceScheduleMsgIDs_endedPeriodical: an ended periodical
// schedule's runs stay readable by default, and vanish from the data source
// (no error) when JPush hides them.
func TestAccDataSourceScheduleMsgIDs_endedPeriodical(t *testing.T) {
	for _, visible := range []bool{true, false} {
		t.Run(fmt.Sprintf("msg_ids_visible=%v", visible), func(t *testing.T) {
			e := newAccEnv(t, nil)
			now := e.now()
			first := now.Add(2 * time.Hour)
			cfg := e.providerConfig() + fmt.Sprintf(`
resource "jpush_schedule" "test" {
  name = "daily"
  trigger = {
    periodical = {
      start     = %q
      end       = %q
      time      = %q
      time_unit = "day"
      frequency = 1
    }
  }
%s
}
data "jpush_schedule_msg_ids" "sent" {
  schedule_id = jpush_schedule.test.id
}
`, rfc(now.Add(time.Hour)), rfc(now.Add(50*time.Hour)), first.In(e.loc).Format("15:04:05"), typedPush2)
			want := map[bool]string{true: "3", false: "0"}[visible]
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6Factories,
				Steps: []resource.TestStep{
					{Config: cfg, Check: resource.TestCheckResourceAttr("data.jpush_schedule_msg_ids.sent", "msg_count", "0")},
					{
						PreConfig: func() {
							e.srv.Configure(emulator.Config{MsgIDsVisible: &visible})
							e.srv.Advance(72 * time.Hour) // three runs, then the end passes
						},
						Config: cfg,
						Check: resource.ComposeAggregateTestCheckFunc(
							e.checkStatuses(404, map[bool]int{true: 200, false: 404}[visible]),
							resource.TestCheckResourceAttr("jpush_schedule.test", "expired", "true"),
							resource.TestCheckResourceAttr("data.jpush_schedule_msg_ids.sent", "msg_count", want),
							resource.TestCheckResourceAttr("data.jpush_schedule_msg_ids.sent", "msg_ids.#", want),
						),
					},
				},
			})
		})
	}
}
