package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoAssertionBeforeParallelSubtests fails on a test that starts
// parallel subtests (t.Parallel or resource.ParallelTest inside t.Run) and
// then asserts in its own body: parallel subtests start only when the
// parent function returns, so such an assertion runs before what it checks
// and cannot fail. Wrap the parallel subtests in one t.Run group and assert
// after it, as TestAccSchedule_rulesAgreeWithJPushAtPlan does.
func TestNoAssertionBeforeParallelSubtests(t *testing.T) {
	var found []string
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == ".tmp" || d.Name() == "bin" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		found = append(found, parentAssertsBeforeParallel(t, p)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s: asserts after starting parallel subtests, before they run", f)
	}
}

// TestNoAssertionBeforeParallelSubtestsCatches shows the check red on the
// pattern it looks for, and quiet on the grouped form.
func TestNoAssertionBeforeParallelSubtestsCatches(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad_test.go")
	src := `package x
func TestBad(t *testing.T) {
	for _, c := range cases {
		t.Run(c, func(t *testing.T) { resource.ParallelTest(t, tc) })
	}
	if n != 0 { t.Errorf("n") }
}
func TestGood(t *testing.T) {
	t.Run("group", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c, func(t *testing.T) { t.Parallel() })
		}
	})
	if n != 0 { t.Errorf("n") }
}
`
	if err := writeFile(bad, src); err != nil {
		t.Fatal(err)
	}
	got := parentAssertsBeforeParallel(t, bad)
	if len(got) != 1 || !strings.HasSuffix(got[0], "TestBad") {
		t.Fatalf("found %v, want TestBad only", got)
	}
}

// parentAssertsBeforeParallel lists the test functions of one file that
// assert in their own body after a statement that starts parallel subtests.
func parentAssertsBeforeParallel(t *testing.T, file string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var out []string
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || !strings.HasPrefix(fd.Name.Name, "Test") {
			continue
		}
		started := false
		for _, st := range fd.Body.List {
			if started && assertsDirectly(st) {
				out = append(out, filepath.ToSlash(file)+": "+fd.Name.Name)
				break
			}
			if startsParallelSubtest(st) {
				started = true
			}
		}
	}
	return out
}

// startsParallelSubtest reports whether st calls t.Run with a function
// that runs in parallel (t.Parallel or resource.ParallelTest), directly or
// in a loop, but not inside a group (a t.Run whose function itself starts
// the parallel ones waits for them).
func startsParallelSubtest(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !isCall(call, "Run") || len(call.Args) < 2 {
			return !found
		}
		lit, ok := call.Args[1].(*ast.FuncLit)
		if !ok {
			return false
		}
		for _, s := range lit.Body.List {
			if es, ok := s.(*ast.ExprStmt); ok {
				if c, ok := es.X.(*ast.CallExpr); ok && (isCall(c, "Parallel") || isCall(c, "ParallelTest")) {
					found = true
				}
			}
		}
		return false // a t.Run group waits for what it starts
	})
	return found
}

// assertsDirectly reports whether st calls t.Error*, t.Fatal* or t.Fail*
// outside a function literal (a cleanup or a check run later is fine).
func assertsDirectly(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				name := sel.Sel.Name
				if strings.HasPrefix(name, "Error") || strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Fail") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func isCall(c *ast.CallExpr, name string) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o600) }

// TestTestFileNames holds the naming of CONTRIBUTING.md ("Tests"): a file
// with acceptance tests (TestAcc…, which drive the real CLI through the
// root package's harness) lives in internal/provider and ends in
// _acc_test.go, and a file with that ending holds acceptance tests.
func TestTestFileNames(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	sub, err := filepath.Glob("*/*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(files, sub...) {
		hasAcc := hasAccTests(t, f)
		isAccName := strings.HasSuffix(f, "_acc_test.go")
		inRoot := !strings.Contains(filepath.ToSlash(f), "/")
		switch {
		case hasAcc && !inRoot:
			t.Errorf("%s holds TestAcc functions: acceptance tests live in internal/provider, beside the harness", f)
		case hasAcc && !isAccName:
			t.Errorf("%s holds TestAcc functions: name it …_acc_test.go", f)
		case !hasAcc && isAccName:
			t.Errorf("%s holds no TestAcc function: drop _acc from its name", f)
		}
	}
}

// hasAccTests reports whether a test file declares a TestAcc function.
func hasAccTests(t *testing.T, file string) bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "TestAcc") {
			return true
		}
	}
	return false
}
