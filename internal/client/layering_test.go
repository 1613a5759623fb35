package client

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPackageLayering enforces the dependency rules of CONTRIBUTING.md
// ("How the packages depend on each other") on the non-test files of each
// package: the rules use the standard library only, the client and the
// emulator the standard library and the rules, the emulator command uses
// nothing of the module but the emulator. TestProviderPackageArrows holds
// the packages of the provider.
func TestPackageLayering(t *testing.T) {
	for _, c := range []struct {
		dir     string
		allowed func(imp string) bool
		rule    string
	}{
		{".", func(imp string) bool {
			return isStdlib(imp) || imp == module+"internal/rules"
		}, "internal/client uses the standard library and internal/rules only (no Terraform types)"},
		{"../emulator", func(imp string) bool {
			return isStdlib(imp) || imp == module+"internal/rules"
		}, "internal/emulator uses the standard library and internal/rules only (it stands in for JPush, not for this code)"},
		{"../rules", isStdlib, "internal/rules (JPush's rules, shared by the provider, the client and the emulator) uses the standard library only"},
		{"../../cmd/jpush-emulator", func(imp string) bool {
			return isStdlib(imp) || imp == module+"internal/emulator"
		}, "cmd/jpush-emulator only serves the emulator"},
	} {
		for _, imp := range imports(t, c.dir) {
			if !c.allowed(imp) {
				t.Errorf("%s imports %s: %s", filepath.ToSlash(filepath.Clean(filepath.Join("internal", "client", c.dir))), imp, c.rule)
			}
		}
	}
}

const module = "github.com/jpushtf/terraform-provider-jpush/"

// providerArrows lists, for each package of internal/provider (by its path
// under internal/provider, "" for the root), the packages of this module it
// may import. The arrows point one way: the root wires the resource
// families and the functions; the families build on lifecycle; lifecycle on
// conn and trigger; conn, push and trigger on framework. A package missing
// here fails the test, so a new one has to take its place in the order.
var providerArrows = map[string][]string{
	"": {
		"internal/client", "internal/provider/conn", "internal/provider/framework",
		"internal/provider/schedule", "internal/provider/templateschedule", "internal/provider/datasources",
		"internal/provider/functions",
	},
	"schedule": {
		"internal/client", "internal/rules", "internal/provider/lifecycle", "internal/provider/datasources",
		"internal/provider/conn", "internal/provider/push", "internal/provider/trigger", "internal/provider/framework",
	},
	"templateschedule": {
		"internal/client", "internal/rules", "internal/provider/lifecycle",
		"internal/provider/conn", "internal/provider/push", "internal/provider/trigger", "internal/provider/framework",
	},
	"datasources": {
		"internal/client", "internal/provider/conn", "internal/provider/trigger", "internal/provider/framework",
	},
	"functions": {"internal/client", "internal/rules"},
	"lifecycle": {
		"internal/client", "internal/rules", "internal/provider/conn", "internal/provider/trigger", "internal/provider/framework",
	},
	"conn":      {"internal/client", "internal/provider/framework"},
	"push":      {"internal/client", "internal/rules", "internal/provider/framework"},
	"trigger":   {"internal/client", "internal/rules", "internal/provider/framework"},
	"framework": {"internal/client", "internal/rules"},
}

// TestProviderPackageArrows holds the packages of internal/provider to
// providerArrows: no other arrow between packages of this module, no HTTP
// (internal/client's job) and no emulator outside tests.
func TestProviderPackageArrows(t *testing.T) {
	dirs, err := filepath.Glob(filepath.FromSlash("../provider/*"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs := []string{""}
	for _, d := range dirs {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			pkgs = append(pkgs, filepath.Base(d))
		}
	}
	for _, pkg := range pkgs {
		allowed, ok := providerArrows[pkg]
		if !ok {
			t.Errorf("internal/provider/%s is not in providerArrows: give it its place in the order", pkg)
			continue
		}
		for _, imp := range imports(t, filepath.Join("..", "provider", pkg)) {
			if problem := arrowProblem(imp, allowed); problem != "" {
				t.Errorf("internal/provider/%s imports %s: %s", pkg, imp, problem)
			}
		}
	}
}

// arrowProblem says why an import of a provider package breaks the rules,
// or "" when it does not.
func arrowProblem(imp string, allowed []string) string {
	if strings.HasPrefix(imp, "net/http") {
		return "the provider speaks no HTTP (that is internal/client's job)"
	}
	rel, ok := strings.CutPrefix(imp, module)
	if !ok || slices.Contains(allowed, rel) {
		return ""
	}
	return "not an arrow of providerArrows (the provider's packages depend on each other one way only)"
}

// imports lists the imports of the non-test files of the package in dir.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	pkg, err := build.ImportDir(filepath.FromSlash(dir), 0)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return pkg.Imports
}

// isStdlib reports whether an import path is in the standard library (its
// first element has no dot).
func isStdlib(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return !strings.Contains(first, ".")
}
