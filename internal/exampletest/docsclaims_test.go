package exampletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// claimConfig is one schedule; %[1]s is its enabled flag, %[2]s its alert.
const claimConfig = `terraform {
  required_providers {
    jpush = { source = "jpushtf/jpush" }
  }
}

provider "jpush" {
  max_retries = 0
}

resource "jpush_schedule" "claim" {
  name    = "docs_claim"
  enabled = %[1]s
  trigger = { single = { time = "2027-03-01T09:30:00+08:00" } }
  push = {
    audience     = { tag = ["claim"] }
    notification = { alert = "%[2]s" }
  }
}
`

func (r *runner) writeClaim(t *testing.T, dir, enabled, alert string) {
	cfg := strings.NewReplacer("%[1]s", enabled, "%[2]s", alert).Replace(claimConfig)
	writeFile(t, filepath.Join(dir, "main.tf"), cfg)
}

// walkDisabledCreateFails holds docs/resources/schedule.md, "Disabled
// schedules": when the disable after the create fails, the provider deletes
// the schedule and records nothing; only when the delete fails too is the
// schedule kept in the state, enabled and tainted, and the next apply
// replaces it.
func (r *runner) walkDisabledCreateFails(t *testing.T) {
	docSays(t, "docs/resources/schedule.md", "provider deletes the schedule it has just created",
		"Only if the delete fails too is the schedule kept in the state, recorded as enabled")
	r.prepare(t, example{name: "disabled-create"})
	dir := t.TempDir()
	r.writeClaim(t, dir, "false", "off")
	r.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500"}})
	if out, code := r.tfCode(t, dir, "apply", "-auto-approve"); code == 0 || !strings.Contains(out, "It was deleted") {
		t.Fatalf("a failed disable did not fail the apply saying the schedule was deleted (exit %d):\n%s", code, out)
	}
	if ids := r.ownIDs(); len(ids) != 0 {
		t.Fatalf("after a failed disable JPush holds %v, want the new schedule deleted", ids)
	}
	if out, _ := r.tfCode(t, dir, "state", "list"); strings.TrimSpace(out) != "" {
		t.Fatalf("after a failed disable the state holds %q, want nothing", out)
	}
	r.srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteUpdate, Kind: "status_500"}, {Route: emulator.RouteDelete, Kind: "status_500"}})
	if out, code := r.tfCode(t, dir, "apply", "-auto-approve"); code == 0 || !strings.Contains(out, "is ENABLED") {
		t.Fatalf("a failed disable and delete did not fail the apply saying the schedule is enabled (exit %d):\n%s", code, out)
	}
	r.srv.ClearFaults()
	show := r.tf(t, dir, "state", "show", "-no-color", "jpush_schedule.claim")
	if !strings.Contains(show, "(tainted)") || attrFromStateShow(t, show, "enabled") != "true" {
		t.Fatalf("after a failed disable and delete the state should hold the schedule enabled and tainted:\n%s", show)
	}
	if out := r.tf(t, dir, "apply", "-auto-approve"); !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
		t.Fatalf("the next apply did not replace the tainted schedule:\n%s", out)
	}
	r.tf(t, dir, "destroy", "-auto-approve")
	r.colleaguesUntouched(t)
}

// walkExpiredReplacement holds what the docs say a replacement of a fired
// schedule sends: nothing for the old schedule, one create for the new.
func (r *runner) walkExpiredReplacement(t *testing.T) {
	docSays(t, "docs/resources/schedule.md", "The old schedule's side of that replacement sends no request")
	docSays(t, "README.md", "The old schedule's side of the replacement sends nothing")
	docSays(t, "docs/index.md", "The old schedule's side of a replacement sends nothing")
	r.prepare(t, example{name: "expired-replacement"})
	dir := t.TempDir()
	r.writeClaim(t, dir, "true", "first")
	r.tf(t, dir, "apply", "-auto-approve")
	r.srv.Advance(100 * 24 * time.Hour) // past 2027-03-01: it fires
	r.tf(t, dir, "apply", "-refresh-only", "-auto-approve")
	r.writeClaim(t, dir, "true", "again")
	r.writeClaimTime(t, dir, "2027-06-01T09:30:00+08:00")
	before := r.srv.Stats()
	if out := r.tf(t, dir, "apply", "-auto-approve"); !strings.Contains(out, "1 added, 0 changed, 1 destroyed") {
		t.Fatalf("editing a fired schedule did not replace it:\n%s", out)
	}
	after := r.srv.Stats()
	if d := after.Requests[emulator.RouteDelete] - before.Requests[emulator.RouteDelete]; d != 0 {
		t.Errorf("replacing a fired schedule sent %d DELETE requests, the docs say none", d)
	}
	if d := after.Creates - before.Creates; d != 1 {
		t.Errorf("replacing a fired schedule made %d schedules, want 1", d)
	}
	r.tf(t, dir, "destroy", "-auto-approve")
	r.colleaguesUntouched(t)
}

func (r *runner) writeClaimTime(t *testing.T, dir, at string) {
	path := filepath.Join(dir, "main.tf")
	b := strings.Replace(readFile(t, path), "2027-03-01T09:30:00+08:00", at, 1)
	writeFile(t, path, b)
}

func readFile(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// docSays fails unless the document (from the repository root) states
// each claim, whatever the line breaks: the walk that follows proves it.
func docSays(t *testing.T, doc string, claims ...string) {
	text := strings.Join(strings.Fields(readFile(t, filepath.Join("..", "..", doc))), " ")
	for _, c := range claims {
		if !strings.Contains(text, c) {
			t.Errorf("%s no longer says %q, which this test proves", doc, c)
		}
	}
}
