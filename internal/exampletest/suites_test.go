package exampletest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The `terraform test` suites of examples/ (*.tftest.hcl: the example
// suite of the "Reviewing and testing configurations" guide and the
// functions' examples) are run as a reader runs them: `terraform test` in
// a copy of the directory, with the provider behind the README's
// dev_overrides CLI configuration (no `terraform init`), and the emulator
// as JPush for the runs that plan against one. Every run must pass; none may
// be skipped.

// reSuiteResult is the summary line of `terraform test` and `tofu test`.
var reSuiteResult = regexp.MustCompile(`(Success|Failure)! (\d+) passed, (\d+) failed(, (\d+) skipped)?\.`)

// reFunctionCall finds a provider function call.
var reFunctionCall = regexp.MustCompile(`provider::jpush::`)

func TestExampleTestSuites(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("TF_ACC is not set: the example suites run with the real Terraform CLI (make test and make examples-check set it)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dirs, err := suiteDirs(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no *.tftest.hcl under examples/: the guide's example suite is missing")
	}
	_, readmeCLIConfig := collectExamples(t, root)
	r := newRunner(t, root, readmeCLIConfig)
	if why := r.lacksFunctions(t); why != "" {
		t.Skipf("%s: the example suites call provider functions and use mock_provider", why)
	}
	for _, dir := range dirs {
		t.Run(dir, func(t *testing.T) { r.runSuite(t, root, dir) })
	}
}

// suiteDirs lists the directories of examples/ holding *.tftest.hcl files
// (in them or in their tests/ folder), relative to root.
func suiteDirs(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(root, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tftest.hcl") {
			return err
		}
		dir := filepath.Dir(p)
		if filepath.Base(dir) == "tests" {
			dir = filepath.Dir(dir)
		}
		rel, err := filepath.Rel(root, dir)
		seen[filepath.ToSlash(rel)] = true
		return err
	})
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	return out, err
}

// runSuite runs `terraform test` in a copy of dir: every run passes, none
// is skipped, and JPush is left without a schedule.
func (r *runner) runSuite(t *testing.T, root, dir string) {
	r.srv.Reset()
	epoch, _ := time.Parse(time.RFC3339, examplesEpoch)
	r.srv.SetNow(epoch)
	work := t.TempDir()
	copyDir(t, filepath.Join(root, dir), work)
	start := time.Now()
	out, code := r.tfCode(t, work, "test", "-no-color")
	m := reSuiteResult.FindStringSubmatch(out)
	if code != 0 || m == nil || m[1] != "Success" || m[3] != "0" || (m[5] != "" && m[5] != "0") {
		t.Fatalf("terraform test in %s (exit %d):\n%s", dir, code, out)
	}
	if n, _ := strconv.Atoi(m[2]); n == 0 {
		t.Fatalf("terraform test in %s ran no test:\n%s", dir, out)
	}
	if ids := r.srv.ScheduleIDs(); len(ids) != 0 {
		t.Fatalf("the suite left schedules in JPush: %v", ids)
	}
	t.Logf("%s: %s passed in %s", dir, m[2], time.Since(start).Round(time.Millisecond))
}

// copyDir copies the files of dir and of its tests/ folder (not
// .terraform or state) into dst.
func copyDir(t *testing.T, dir, dst string) {
	for _, sub := range []string{"", "tests"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if os.IsNotExist(err) && sub != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dst, sub), 0o750); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || strings.HasPrefix(name, ".terraform") || strings.Contains(name, ".tfstate") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(dir, sub, name))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dst, sub, name), string(b))
		}
	}
}

// lacksFunctions says why the runner's CLI cannot run configurations that
// call provider functions (Terraform 1.8, OpenTofu 1.7) and test suites
// with mock_provider (Terraform 1.7, OpenTofu 1.8), or "" when it can: any
// CLI from 1.8 on.
func (r *runner) lacksFunctions(t *testing.T) string {
	out, code := r.tfCode(t, t.TempDir(), "version", "-json")
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil {
		t.Fatalf("%s version -json (exit %d): %v\n%s", r.terraform, code, err, out)
	}
	cli := "Terraform"
	if strings.Contains(filepath.Base(r.terraform), "tofu") {
		cli = "OpenTofu"
	}
	var major, minor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &major, &minor); err != nil {
		t.Fatalf("cannot read the version %q", v.Version)
	}
	if major < 1 || major == 1 && minor < 8 {
		return fmt.Sprintf("%s %s is older than 1.8: provider-defined functions need Terraform 1.8 or OpenTofu 1.7, "+
			"mock_provider in tests Terraform 1.7 or OpenTofu 1.8", cli, v.Version)
	}
	return ""
}

// usesFunctions tells an example that calls a provider function.
func usesFunctions(ex example) bool {
	for _, content := range ex.files {
		if reFunctionCall.MatchString(content) {
			return true
		}
	}
	return false
}
