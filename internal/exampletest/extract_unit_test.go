package exampletest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMarkdownExamplesClassifiesBlocks(t *testing.T) {
	dir := t.TempDir()
	md := "# x\n\n```sh\nmake demo\n```\n\n- item\n\n  ```hcl\n  resource \"a\" \"b\" {}\n  ```\n\n```hcl\nprovider_installation {\n  dev_overrides {\n    \"jpushtf/jpush\" = \"/x\"\n  }\n}\n```\n\n```terraform\nterraform {}\n```\n"
	if err := os.WriteFile(filepath.Join(dir, "R.md"), []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	exs, cli, err := markdownExamples(dir, "R.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(exs) != 2 || exs[0].name != "R.md:9" || !strings.Contains(exs[0].files["main.tf"], `resource "a" "b"`) || exs[1].name != "R.md:21" {
		t.Fatalf("examples %+v", exs)
	}
	if len(cli) != 1 {
		t.Fatalf("CLI configs %q", cli)
	}
	got, err := cliConfigFor(cli[0], "/built")
	if err != nil || !strings.Contains(got, `"jpushtf/jpush" = "/built"`) || strings.Contains(got, `"/x"`) {
		t.Fatalf("cliConfigFor: %v\n%s", err, got)
	}
	if _, err := cliConfigFor("provider_installation {}", "/built"); err == nil {
		t.Fatal("a CLI configuration without a dev_overrides entry was accepted")
	}
	if _, err := fencedBlocksOf(t, "```hcl\nopen"); err == nil {
		t.Fatal("an unclosed block was accepted")
	}
}

func TestImportBlocksAndTemplates(t *testing.T) {
	ex := example{name: "e", files: map[string]string{
		"a.tf": "import {\n  to = jpush_schedule.example\n  id = \"0eac1b80\"\n}\n",
		"b.tf": "resource \"jpush_template_schedule\" \"x\" {\n  template_id = \"tpl9\"\n}\n",
	}}
	ims, err := importBlocks(ex)
	if err != nil || len(ims) != 1 || ims[0] != (importBlock{file: "a.tf", to: "jpush_schedule.example", id: "0eac1b80"}) {
		t.Fatalf("imports %+v %v", ims, err)
	}
	if ids := templateIDs(ex); len(ids) != 1 || ids[0] != "tpl9" {
		t.Fatalf("templates %v", ids)
	}
	if _, err := importBlocks(example{name: "e", files: map[string]string{"c.tf": "import {\n  to = x.y\n  id = var.id\n}\n"}}); err == nil {
		t.Fatal("an import block without a literal id was accepted")
	}
}

func fencedBlocksOf(t *testing.T, md string) ([]markdownBlock, error) {
	p := filepath.Join(t.TempDir(), "x.md")
	if err := os.WriteFile(p, []byte(md), 0o600); err != nil {
		t.Fatal(err)
	}
	return fencedBlocks(p)
}
