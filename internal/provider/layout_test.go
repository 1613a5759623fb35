package provider

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// resourceFileRoles are the files every resource has, named
// <prefix><role>.go, so that a reader of one resource knows where
// everything of the other lives (CONTRIBUTING.md, "Where things live").
var resourceFileRoles = []string{
	"resource", // the type, Metadata, Schema, Create, Read, Update, Delete
	"schema",   // the schema declaration
	"model",    // the Terraform model and its conversion to and from the client's
	"validate", // ValidateConfig and the resource's config validators
	"plan",     // ModifyPlan
	"import",   // ImportState and the import id
	"pending",  // settling a create whose answer was lost
	"disabled", // enabled = false at create
}

// resourceFilePrefixes are the resources' file prefixes, and the files only
// that resource has, with the reason.
var resourceFilePrefixes = map[string]map[string]string{
	"schedule_": {},
	"template_schedule_": {
		"divergence": "one resource, many schedules: the schedules can disagree after a half-failed update",
	},
}

// sharedFilePattern names the families of files the resources share.
var sharedFilePattern = regexp.MustCompile(`^(provider|push|trigger|resource|data_source|list)_[a-z_]+\.go$|^(provider|logging|planmodifiers|validators)\.go$`)

// TestFileLayout holds the provider package to one layout: both resources
// have the same role files, every other file belongs to a shared family,
// and a test file's name says whether it runs the Terraform CLI.
func TestFileLayout(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			files = append(files, e.Name())
		}
	}
	for prefix, extra := range resourceFilePrefixes {
		for _, role := range resourceFileRoles {
			if !slices.Contains(files, prefix+role+".go") {
				t.Errorf("%s%s.go is missing: every resource has a %q file", prefix, role, role)
			}
		}
		for role := range extra {
			if !slices.Contains(files, prefix+role+".go") {
				t.Errorf("%s%s.go is listed as the resource's own file but does not exist", prefix, role)
			}
		}
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			checkTestFileName(t, f)
			continue
		}
		if !layoutKnows(f) {
			t.Errorf("%s fits no family of the layout: name it <resource prefix><role>.go or after a shared family "+
				"(provider_, push_, trigger_, resource_, data_source_, list_), or add its role here and to CONTRIBUTING.md", f)
		}
	}
}

// layoutKnows reports whether a non-test file has its place in the layout.
func layoutKnows(f string) bool {
	// Longest prefix first: template_schedule_ files also end in schedule_.
	prefixes := slices.Collect(maps.Keys(resourceFilePrefixes))
	slices.SortFunc(prefixes, func(a, b string) int { return len(b) - len(a) })
	for _, prefix := range prefixes {
		if role, ok := strings.CutPrefix(f, prefix); ok {
			role = strings.TrimSuffix(role, ".go")
			_, own := resourceFilePrefixes[prefix][role]
			return own || slices.Contains(resourceFileRoles, role)
		}
	}
	return sharedFilePattern.MatchString(f)
}

var accTestFunc = regexp.MustCompile(`(?m)^func TestAcc\w*\(t \*testing\.T\)`)

// checkTestFileName requires a file holding acceptance tests (the real CLI)
// to end in _acc_test.go, and one that ends so to hold some.
func checkTestFileName(t *testing.T, f string) {
	t.Helper()
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	hasAcc, named := accTestFunc.Match(src), strings.HasSuffix(f, "_acc_test.go")
	switch {
	case hasAcc && !named:
		t.Errorf("%s holds TestAcc functions: name it %s_acc_test.go", f, strings.TrimSuffix(f, "_test.go"))
	case named && !hasAcc:
		t.Errorf("%s holds no TestAcc function: name it %s_test.go", f, strings.TrimSuffix(f, "_acc_test.go"))
	}
}

// TestFileLayoutCatchesStrays proves the layout rule can fail.
func TestFileLayoutCatchesStrays(t *testing.T) {
	for f, want := range map[string]bool{
		"schedule_resource.go":            true,
		"template_schedule_divergence.go": true,
		"schedule_divergence.go":          false, // the template's own role
		"template_schedule_stuff.go":      false,
		"push_model.go":                   true,
		"resource_schedule.go":            true, // a shared resource_ file by name; TestFileLayout's role check finds the missing schedule_resource.go
		"trigger.go":                      false,
		"helpers.go":                      false,
	} {
		if got := layoutKnows(f); got != want {
			t.Errorf("layoutKnows(%q) = %v, want %v", f, got, want)
		}
	}
}
