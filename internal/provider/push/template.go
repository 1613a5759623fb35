package push

import (
	"sort"
	"strings"
)

// audienceGroup names a param's audience kind for the template rules: tag,
// tag_and and tag_not form the group "tag"; a broadcast is "all". mixed
// lists the groups when a param mixes several.
func (a *AudienceModel) TemplateGroup() (group string, mixed []string) {
	if a == nil {
		return "", nil
	}
	if a.All != nil && *a.All {
		return "all", nil
	}
	seen := map[string]bool{}
	for _, k := range a.setKeys() {
		g := k
		if strings.HasPrefix(k, "tag") {
			g = "tag"
		}
		if !seen[g] {
			seen[g] = true
			mixed = append(mixed, g)
		}
	}
	sort.Strings(mixed)
	switch len(mixed) {
	case 0:
		return "", nil
	case 1:
		return mixed[0], nil
	}
	return "", mixed
}
