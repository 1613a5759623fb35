package exampletest

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// registryFolders are the folders of docs/ the Terraform and OpenTofu
// registries publish; docs/index.md is the one file beside them.
var registryFolders = map[string]bool{
	"guides": true, "resources": true, "data-sources": true, "list-resources": true, "functions": true,
}

// TestDocsRegistryShaped: docs/ holds only what the registries publish:
// index.md, and Markdown pages directly in the registry's folders.
// tfplugindocs validate does not look at unknown folders, so a maintainer's
// page put there would be published, or silently dropped, as it happens.
func TestDocsRegistryShaped(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(root, "docs"), p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		switch {
		case rel == ".":
		case d.IsDir() && (len(parts) != 1 || !registryFolders[parts[0]]):
			t.Errorf("docs/%s: docs/ holds only index.md and the registry's folders %v; maintainers' pages go elsewhere (development/)", filepath.ToSlash(rel), keysOf(registryFolders))
			return filepath.SkipDir
		case d.IsDir():
		case len(parts) == 1 && rel != "index.md",
			len(parts) == 2 && !strings.HasSuffix(rel, ".md"):
			t.Errorf("docs/%s: a stray file; docs/ holds index.md and Markdown pages of the registry's folders", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestLocalLinksResolve: every relative link of the maintainers' and users'
// Markdown pages points at a file of the repository.
func TestLocalLinksResolve(t *testing.T) {
	root := filepath.Join("..", "..")
	link := regexp.MustCompile(`\]\(([^)#\s]+)(?:#[^)]*)?\)`)
	for _, doc := range []string{"README.md", "CONTRIBUTING.md", "development/jpush-api.md"} {
		b, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if _, err := os.Stat(filepath.Join(root, filepath.Dir(doc), target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", doc, target)
			}
		}
	}
}

func keysOf(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
