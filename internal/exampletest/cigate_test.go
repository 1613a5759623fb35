package exampletest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ciGateConfig is a schedule whose single time is %s.
const ciGateConfig = `terraform {
  required_providers {
    jpush = { source = "jpushtf/jpush" }
  }
}

resource "jpush_schedule" "gate" {
  name    = "ci_gate"
  trigger = { single = { time = "%s" } }
  push = {
    audience     = { tag = ["gate"] }
    notification = { alert = "gate" }
  }
}
`

// walkCIGate holds what the README says of plan warnings: a single time
// that JPush's clock has passed plans with a warning, not an error
// (terraform plan -detailed-exitcode exits 2, as for any change), the apply
// fails before anything is sent, terraform destroy is not blocked, and the
// README's CI gate, run as pasted, fails on that plan and passes a good one.
func (r *runner) walkCIGate(t *testing.T, root string) {
	docSays(t, "README.md", "`terraform plan -detailed-exitcode` exits `2` (changes) for a plan with such a warning")
	docSays(t, "docs/index.md", "`terraform plan -detailed-exitcode` exits `2` (changes) for a plan with such a warning")
	r.prepare(t, example{name: "ci-gate"})
	gate := readmeShellBlock(t, root, "-detailed-exitcode -json")
	dir := t.TempDir()
	write := func(at string) {
		writeFile(t, filepath.Join(dir, "main.tf"), strings.Replace(ciGateConfig, "%s", at, 1))
	}
	// The block says terraform: run it with the CLI under test (OpenTofu's
	// tofu in the test matrix), as its users would.
	shim := t.TempDir()
	if err := os.Symlink(r.terraform, filepath.Join(shim, "terraform")); err != nil {
		t.Fatal(err)
	}
	env := append([]string{}, r.env...)
	for i, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			env[i] = "PATH=" + shim + string(os.PathListSeparator) + strings.TrimPrefix(kv, "PATH=")
		}
	}
	runGate := func() (string, int) {
		cmd := exec.Command("bash", "-c", gate.body)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}
	write("2027-03-01T09:30:00+08:00")
	if out, code := runGate(); code != 0 {
		t.Fatalf("README.md:%d fails a good plan (exit %d):\n%s", gate.line, code, out)
	}
	r.tf(t, dir, "apply", "-auto-approve")
	write("2026-11-01T09:30:00+08:00") // before the emulator's clock
	out, code := r.tfCode(t, dir, "plan", "-detailed-exitcode")
	if code != 2 || !strings.Contains(out, "Warning: Single time is not in the future") {
		t.Fatalf("a single time in the past should plan (exit 2) with a warning; exit %d:\n%s", code, out)
	}
	if out, code := runGate(); code == 0 || !strings.Contains(out, "Single time is not in the future") {
		t.Fatalf("README.md:%d passes a plan with a past time (exit %d):\n%s", gate.line, code, out)
	}
	before := r.ownIDs()
	if out, code := r.tfCode(t, dir, "apply", "-auto-approve"); code == 0 || !strings.Contains(out, "Error") {
		t.Fatalf("the apply of a past time did not fail (exit %d):\n%s", code, out)
	}
	if after := r.ownIDs(); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Fatalf("a failed apply changed JPush's schedules: %v before, %v after", before, after)
	}
	r.tf(t, dir, "destroy", "-auto-approve")
	if ids := r.ownIDs(); len(ids) != 0 {
		t.Fatalf("destroy with a past time in the configuration left %v", ids)
	}
	r.colleaguesUntouched(t)
}
