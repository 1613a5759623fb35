package exampletest

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	reMovedBlock = regexp.MustCompile(`(?s)\nmoved\s*\{(.*?)\n\}\n`)
	reMovedFrom  = regexp.MustCompile(`\bfrom\s*=\s*(\w+)\.(\w+)`)
	reMovedTo    = regexp.MustCompile(`\bto\s*=\s*(\w+)\.(\w+)`)
)

// movedBlock is a moved {} block between two addresses of one type.
type movedBlock struct{ typ, from, to string }

func movedBlocks(ex example) ([]movedBlock, error) {
	var out []movedBlock
	for name, content := range ex.files {
		for _, m := range reMovedBlock.FindAllStringSubmatch(content, -1) {
			from, to := reMovedFrom.FindStringSubmatch(m[1]), reMovedTo.FindStringSubmatch(m[1])
			if from == nil || to == nil || from[1] != to[1] {
				return nil, fmt.Errorf("%s/%s: a moved block needs literal from and to of one resource type", ex.name, name)
			}
			out = append(out, movedBlock{typ: from[1], from: from[2], to: to[2]})
		}
	}
	return out, nil
}

// walkMoved walks an example with moved blocks as a reader gets there:
// the configuration first applied under the old addresses (the resource
// blocks named as in from, no moved block), then the example as shipped:
// its plan moves each resource and neither adds nor destroys anything, so
// JPush sees no create and no delete. The caller then applies it.
func (r *runner) walkMoved(t *testing.T, ex example, dir string, moves []movedBlock) {
	for name, content := range ex.files {
		before := reMovedBlock.ReplaceAllString(content, "\n")
		for _, mv := range moves {
			before = strings.ReplaceAll(before, fmt.Sprintf("resource %q %q", mv.typ, mv.to), fmt.Sprintf("resource %q %q", mv.typ, mv.from))
		}
		writeFile(t, filepath.Join(dir, name), before)
	}
	r.tf(t, dir, "apply", "-auto-approve")
	idsBefore := strings.Join(r.ownIDs(), ",")
	for name, content := range ex.files {
		writeFile(t, filepath.Join(dir, name), content)
	}
	out := r.tf(t, dir, "plan")
	for _, mv := range moves {
		if !strings.Contains(out, fmt.Sprintf("%s.%s has moved to %s.%s", mv.typ, mv.from, mv.typ, mv.to)) {
			t.Fatalf("the plan of %s does not move %s.%s to %s.%s:\n%s", ex.name, mv.typ, mv.from, mv.typ, mv.to, out)
		}
	}
	if !strings.Contains(out, "0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("the plan of %s with moved blocks changes schedules:\n%s", ex.name, out)
	}
	r.tf(t, dir, "apply", "-auto-approve")
	if ids := strings.Join(r.ownIDs(), ","); ids != idsBefore {
		t.Fatalf("applying the moved blocks of %s changed JPush's schedules: %s before, %s after", ex.name, idsBefore, ids)
	}
}
