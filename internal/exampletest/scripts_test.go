package exampletest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scriptsReachedBy returns the scripts a script runs or sources, itself
// included, transitively (./scripts/x.sh calls and sources of lib.sh).
func scriptsReachedBy(t *testing.T, root, start string) map[string]string {
	ref := regexp.MustCompile(`(?:\./scripts/|"\$\(dirname "\$(?:\{BASH_SOURCE\[0\]\}|0)"\)/)([\w-]+\.sh)`)
	seen := map[string]string{}
	queue := []string{start}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, ok := seen[name]; ok {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, "scripts", name))
		if err != nil {
			t.Fatal(err)
		}
		seen[name] = string(b)
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			queue = append(queue, m[1])
		}
	}
	return seen
}

// TestMakeTestInstallsNothing: make test needs Go, a C compiler and
// Terraform, and installs nothing system-wide: no script it runs calls a
// package manager or Node.js. The Node.js check is make sdk-compat, which
// .ci/run runs (after installing Node.js) before make test.
func TestMakeTestInstallsNothing(t *testing.T) {
	root := filepath.Join("..", "..")
	mk, err := os.ReadFile(filepath.Join(root, "GNUmakefile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"test:\n\t./scripts/test.sh", "sdk-compat:\n\t./scripts/sdk-compat.sh"} {
		if !strings.Contains(string(mk), target) {
			t.Fatalf("GNUmakefile lacks %q", target)
		}
	}
	scripts := scriptsReachedBy(t, root, "test.sh")
	for _, want := range []string{"test.sh", "lib.sh", "fuzz.sh"} {
		if _, ok := scripts[want]; !ok {
			t.Fatalf("make test no longer reaches %s (reached %v): update this test", want, keys(scripts))
		}
	}
	forbidden := regexp.MustCompile(`\b(apt-get|apt|yum|dnf|apk|brew|npm|node|pip3?|sdk-compat)\b`)
	for name, body := range scripts {
		for i, line := range strings.Split(body, "\n") {
			if code, _, _ := strings.Cut(line, "#"); forbidden.MatchString(code) {
				t.Errorf("scripts/%s:%d: make test must install nothing and need no Node.js: %s", name, i+1, line)
			}
		}
	}
	sdk := scriptsReachedBy(t, root, "sdk-compat.sh")
	for name, body := range sdk {
		if regexp.MustCompile(`(?m)^[^#]*\bapt-get\b`).MatchString(body) {
			t.Errorf("scripts/%s: make sdk-compat must not install system packages (CI does)", name)
		}
	}
	ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	order := regexp.MustCompile(`(?s)ensure_node\s*\n\s*make sdk-compat\b.*\bmake test\s*$`)
	if !order.MatchString(strings.TrimSpace(string(ci))) {
		t.Error(".ci/run must install Node.js (ensure_node), run make sdk-compat, and end with make test")
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDocsClaimTestedVersions: the minimum versions the docs state are the
// ones CI runs the suite under (make test-matrix): the Terraform that
// scripts/lib.sh builds, and the OpenTofu tools/opentofu pins.
func TestDocsClaimTestedVersions(t *testing.T) {
	root := filepath.Join("..", "..")
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tf := regexp.MustCompile(`TERRAFORM_FALLBACK_VERSION="v([\d.]+)"`).FindStringSubmatch(read("scripts/lib.sh"))
	tofu := regexp.MustCompile(`github\.com/opentofu/opentofu v([\d.]+)`).FindStringSubmatch(read("tools/opentofu/go.mod"))
	if tf == nil || tofu == nil {
		t.Fatal("cannot find the pinned Terraform and OpenTofu versions")
	}
	for _, doc := range []string{"README.md", "templates/index.md.tmpl", "docs/index.md"} {
		body := read(doc)
		for _, claim := range []string{"Terraform 1.5.7 or later", "OpenTofu " + tofu[1] + " or later"} {
			if !strings.Contains(strings.Join(strings.Fields(body), " "), strings.Replace(claim, "1.5.7", tf[1], 1)) {
				t.Errorf("%s does not state %q", doc, strings.Replace(claim, "1.5.7", tf[1], 1))
			}
		}
	}
	if !regexp.MustCompile(`(?m)^(TEST_MATRIX_SKIP_PATH=1 )?make test-matrix$`).MatchString(read(".ci/run")) {
		t.Error(".ci/run does not run make test-matrix, which proves the versions the docs claim")
	}
	matrix := read("scripts/test-matrix.sh")
	for _, want := range []string{"build_terraform \"${TERRAFORM_FALLBACK_VERSION}\"", "build_tofu", "./internal/exampletest/..."} {
		if !strings.Contains(matrix, want) {
			t.Errorf("scripts/test-matrix.sh lacks %s", want)
		}
	}
}
