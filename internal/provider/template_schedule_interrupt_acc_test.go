//go:build linux

package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// terraformPIDs lists the Terraform CLI processes whose parent is this
// test binary (the one the harness runs).
func terraformPIDs(t *testing.T) []int {
	t.Helper()
	cli := filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH"))
	if len(cli) > 15 {
		cli = cli[:15] // /proc/<pid>/stat shows at most 15 bytes of the name
	}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []int
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid ...; comm may hold spaces and parentheses.
		open, end := strings.IndexByte(string(b), '('), strings.LastIndexByte(string(b), ')')
		if open < 0 || end < open || (cli != "." && string(b[open+1:end]) != cli) {
			continue
		}
		rest := string(b[end+1:])
		fields := strings.Fields(rest)
		if len(fields) < 2 {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid == os.Getpid() {
			pid, _ := strconv.Atoi(strings.Fields(string(b))[0])
			out = append(out, pid)
		}
	}
	return out
}

// TestAccTemplateSchedule_disabledCreateInterrupted: enabled = false, and the
// user presses Ctrl-C while the disabling PUT is in flight. Terraform stops
// the provider, which cancels the PUT; the schedules JPush made enabled are
// deleted all the same (on a context that survives the cancellation).
//
// Not parallel: it interrupts the Terraform process this test binary runs,
// which must be this test's.
func TestAccTemplateSchedule_disabledCreateInterrupted(t *testing.T) {
	e := newAccEnv(t, nil)
	e.srv.DefineTemplate("tpl1", []string{"title", "content"})
	at := rfc(e.now().Add(48 * time.Hour))
	cfg := e.tplProvider(0, `request_timeout = "2m"`) + tplConfig("tpl1", "quiet", "false", tplSingle(at), threeParams("c")...)
	interrupted := make(chan error, 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6Factories,
		CheckDestroy:             tplCheckDestroy(e),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					e.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "stall", Count: 1}})
					go func() {
						<-e.srv.Stalls() // the disabling PUT is held: press Ctrl-C
						pids := terraformPIDs(t)
						if len(pids) != 1 {
							interrupted <- fmt.Errorf("want one Terraform process, found %v", pids)
							return
						}
						interrupted <- syscall.Kill(pids[0], syscall.SIGINT)
					}()
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)could not be disabled.*deleted`),
			},
			{
				PreConfig: func() {
					if err := <-interrupted; err != nil {
						t.Fatal(err)
					}
					e.srv.ClearFaults()
					if st := e.srv.Stats(); st.Schedules != 0 || st.Creates != 3 {
						t.Errorf("after the interrupted create the emulator holds %d schedules (%d created), want 0 (3)", st.Schedules, st.Creates)
					}
				},
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(
					tplCheckMapsEmulator(e, "req-001", "req-002", "req-003"),
					tplCheckEnabled(e, false),
				),
			},
		},
	})
}
