package lifecycle

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// Twins returns the schedules that JPush holds, that no resource of this
// run manages (see conn.Bound.Unmanaged), other than those of the resource
// being replaced (replacing), and that match: the schedules a planned create
// would duplicate. A list that cannot be read gives none (the create's own
// checks report an unreachable JPush).
func (b *Base) Twins(ctx context.Context, replacing []string, match func(s *client.Schedule) bool) []client.Schedule {
	listed, err := b.Unmanaged(ctx)
	if err != nil {
		tflog.Debug(ctx, "cannot list schedules to look for an identical one", map[string]any{"error": err.Error()})
		return nil
	}
	var out []client.Schedule
	for i := range listed {
		s := &listed[i]
		if !slices.Contains(replacing, s.ID) && match(s) {
			out = append(out, *s)
		}
	}
	return out
}

// SameSchedule reports whether a listed schedule has the name, trigger and
// push of a planned one (enabled aside: JPush lists valid schedules only).
func SameSchedule(listed, planned *client.Schedule) bool {
	if listed.Name != planned.Name || !sameWireTrigger(&listed.Trigger, &planned.Trigger) {
		return false
	}
	same, err := client.EquivalentPush(listed.Push, planned.Push)
	return err == nil && same
}

// WarnTwins warns that a planned create would duplicate schedules JPush
// already holds (ids), and how to take them over instead: importID is the
// id to import them with. Nothing is adopted.
func (b *Base) WarnTwins(diags *diag.Diagnostics, name string, ids []string, importID string) {
	if len(ids) == 0 {
		return
	}
	held := fmt.Sprintf("schedule %s", ids[0])
	if len(ids) > 1 {
		held = "schedules " + strings.Join(ids, ", ")
	}
	diags.AddWarning("JPush already holds an identical schedule",
		fmt.Sprintf("This plan creates %s %q, and JPush already holds %s with the same name, trigger and push, "+
			"which no resource read in this run manages. It may be left by an interrupted apply (one stopped before "+
			"it could record a create), a lost or rolled-back state file, a terraform state rm, or another workspace "+
			"that manages it. Applying this plan creates another one, and both push.\n\n"+
			"If it is this resource's schedule, import it instead of creating it:\n\n"+
			"  terraform import ADDRESS %s\n\n"+
			"with ADDRESS the address this warning is shown for (or an import block with id = %q). If another "+
			"workspace manages it, nothing needs doing. Nothing was adopted.",
			b.typeName, name, held, shellQuote(importID), importID))
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == ',' || r == '=' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
