package exampletest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// example is one configuration to apply: a directory of examples/, or a
// fenced HCL block of a Markdown file.
type example struct {
	name  string            // e.g. "examples/demo" or "README.md:97"
	files map[string]string // file name => content
}

// markdownBlock is a fenced code block of a Markdown file.
type markdownBlock struct {
	line int // 1-based line of the opening fence
	lang string
	body string
}

// fencedBlocks returns the fenced code blocks of a Markdown file.
func fencedBlocks(path string) ([]markdownBlock, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []markdownBlock
	var cur *markdownBlock
	var body strings.Builder
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case cur == nil && strings.HasPrefix(trimmed, "```"):
			cur = &markdownBlock{line: n, lang: strings.TrimSpace(strings.TrimPrefix(trimmed, "```"))}
			body.Reset()
		case cur != nil && trimmed == "```":
			cur.body = body.String()
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line + "\n")
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s:%d: unclosed code block", path, cur.line)
	}
	return out, sc.Err()
}

// isHCL tells the languages a Terraform configuration may be fenced with.
func isHCL(lang string) bool { return lang == "hcl" || lang == "terraform" || lang == "tf" }

// isCLIConfig tells a Terraform CLI configuration (a .terraformrc) from a
// Terraform configuration.
func isCLIConfig(body string) bool { return strings.Contains(body, "provider_installation") }

// markdownExamples returns the HCL configurations of a Markdown file and its
// CLI configuration blocks.
func markdownExamples(root, rel string) (examples []example, cliConfigs []string, err error) {
	blocks, err := fencedBlocks(filepath.Join(root, rel))
	if err != nil {
		return nil, nil, err
	}
	for _, b := range blocks {
		switch {
		case !isHCL(b.lang):
		case isCLIConfig(b.body):
			cliConfigs = append(cliConfigs, b.body)
		default:
			examples = append(examples, example{
				name:  fmt.Sprintf("%s:%d", rel, b.line),
				files: map[string]string{"main.tf": b.body},
			})
		}
	}
	return examples, cliConfigs, nil
}

// directoryExamples returns every directory under examples/ that holds .tf
// files, with those files (other files, such as import.sh, are not
// Terraform configuration).
func directoryExamples(root string) ([]example, error) {
	byDir := map[string]map[string]string{}
	err := filepath.WalkDir(filepath.Join(root, "examples"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".tf" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(p))
		if byDir[dir] == nil {
			byDir[dir] = map[string]string{}
		}
		byDir[dir][filepath.Base(p)] = string(b)
		return nil
	})
	if err != nil {
		return nil, err
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	out := make([]example, 0, len(dirs))
	for _, d := range dirs {
		out = append(out, example{name: filepath.ToSlash(d), files: byDir[d]})
	}
	return out, nil
}

var (
	reImportBlock = regexp.MustCompile(`(?s)import\s*\{(.*?)\}`)
	reImportTo    = regexp.MustCompile(`\bto\s*=\s*([\w.\[\]"]+)`)
	reImportID    = regexp.MustCompile(`\bid\s*=\s*"([^"]+)"`)
	reTemplateID  = regexp.MustCompile(`\btemplate_id\s*=\s*"([^"]+)"`)
	reOverride    = regexp.MustCompile(`("jpushtf/jpush"\s*=\s*)"[^"]*"`)
	// reCannotDestroy is Terraform's ("Instance ...") and OpenTofu's
	// ("Resource instance ...") refusal of a prevent_destroy destroy.
	reCannotDestroy = regexp.MustCompile(`(?i)instance cannot be destroyed`)
	reOutput        = regexp.MustCompile(`(?m)^\s*output\s+"`)
	// reActivePreventDestroy is a prevent_destroy = true in effect: an
	// example shipped with it cannot be destroyed as a reader copies it.
	reActivePreventDestroy = regexp.MustCompile(`(?m)^\s*prevent_destroy\s*=\s*true`)
	// reCommentedPreventDestroy is the commented-out line the examples show
	// instead; ${1}${2} is the line uncommented.
	reCommentedPreventDestroy = regexp.MustCompile(`(?m)^(\s*)#\s*(prevent_destroy\s*=\s*true)`)
)

// importBlock is an `import {}` block of an example: the resource address
// it imports into and the (placeholder) id it names.
type importBlock struct{ file, to, id string }

func importBlocks(ex example) ([]importBlock, error) {
	var out []importBlock
	for name, content := range ex.files {
		for _, m := range reImportBlock.FindAllStringSubmatch(content, -1) {
			to, id := reImportTo.FindStringSubmatch(m[1]), reImportID.FindStringSubmatch(m[1])
			if to == nil || id == nil {
				return nil, fmt.Errorf("%s/%s: an import block needs a literal to and id", ex.name, name)
			}
			out = append(out, importBlock{file: name, to: to[1], id: id[1]})
		}
	}
	return out, nil
}

// templateIDs are the console templates an example uses.
func templateIDs(ex example) []string {
	var out []string
	for _, content := range ex.files {
		for _, m := range reTemplateID.FindAllStringSubmatch(content, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// cliConfigFor points the README's CLI configuration at dir: the path of
// its one dev_overrides entry is the only thing a reader fills in.
func cliConfigFor(readmeConfig, dir string) (string, error) {
	if n := len(reOverride.FindAllString(readmeConfig, -1)); n != 1 {
		return "", fmt.Errorf("the README's CLI configuration has %d dev_overrides entries for \"jpushtf/jpush\", want 1:\n%s", n, readmeConfig)
	}
	return reOverride.ReplaceAllString(readmeConfig, fmt.Sprintf("${1}%q", dir)), nil
}
