package client

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackageLayering enforces the dependency rules of CONTRIBUTING.md
// ("How the packages depend on each other") on the non-test files of each
// package: the rules use the standard library only, the client and the
// emulator the standard library and the rules, the
// provider speaks no HTTP and does not use the emulator, its functions
// depend on nothing of it, and the emulator
// command uses nothing of the module but the emulator.
func TestPackageLayering(t *testing.T) {
	const module = "github.com/jpushtf/terraform-provider-jpush/"
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
		{"../provider", func(imp string) bool {
			return !strings.HasPrefix(imp, "net/http") && imp != module+"internal/emulator"
		}, "internal/provider speaks no HTTP (that is internal/client's job) and does not use the emulator outside tests"},
		{"../provider/functions", func(imp string) bool {
			return isStdlib(imp) || strings.HasPrefix(imp, "github.com/hashicorp/terraform-plugin-framework/") ||
				imp == module+"internal/client" || imp == module+"internal/rules"
		}, "internal/provider/functions (the Terraform functions) uses terraform-plugin-framework, internal/client and internal/rules only, never internal/provider, which registers it"},
		{"../../cmd/jpush-emulator", func(imp string) bool {
			return isStdlib(imp) || imp == module+"internal/emulator"
		}, "cmd/jpush-emulator only serves the emulator"},
	} {
		pkg, err := build.ImportDir(filepath.FromSlash(c.dir), 0)
		if err != nil {
			t.Fatalf("%s: %v", c.dir, err)
		}
		for _, imp := range pkg.Imports {
			if !c.allowed(imp) {
				t.Errorf("%s imports %s: %s", filepath.ToSlash(filepath.Clean(filepath.Join("internal", "client", c.dir))), imp, c.rule)
			}
		}
	}
}

// isStdlib reports whether an import path is in the standard library (its
// first element has no dot).
func isStdlib(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return !strings.Contains(first, ".")
}
