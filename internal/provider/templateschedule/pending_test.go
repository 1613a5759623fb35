package templateschedule

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/push"
)

// TestTemplateMatchParams: candidates are assigned to params by audience in
// list order; params with the same audience share theirs, and more
// candidates than such params is ambiguous.
func TestTemplateMatchParams(t *testing.T) {
	p := func(trace string, alias ...string) templateParamModel {
		return templateParamModel{TraceID: trace, Audience: &push.AudienceModel{Alias: alias}}
	}
	s := func(id, alias string) client.Schedule {
		return client.Schedule{ID: id, Enabled: true, Push: json.RawMessage(`{"platform":"all","audience":{"alias":["` + alias + `"]},"notification":{"alert":"x"}}`)}
	}
	params := []templateParamModel{p("a", "ann"), p("b", "bob"), p("c", "bob"), p("d", "dan")}
	for _, c := range []struct {
		name      string
		cands     []client.Schedule
		ids       string
		ambiguous []int
	}{
		{"all found", []client.Schedule{s("1", "ann"), s("2", "bob"), s("3", "bob"), s("4", "dan")}, "1,2,3,4", nil},
		{"some found", []client.Schedule{s("2", "bob"), s("4", "dan"), s("9", "eve")}, ",2,,4", nil},
		{"more than params", []client.Schedule{s("1", "ann"), s("2", "bob"), s("3", "bob"), s("5", "bob")}, "1,,,", []int{1, 2}},
		{"none", nil, ",,,", nil},
	} {
		m := matchParams(params, c.cands)
		if got := strings.Join(m.ids, ","); got != c.ids {
			t.Errorf("%s: ids %q, want %q", c.name, got, c.ids)
		}
		if len(m.ambiguous) != len(c.ambiguous) {
			t.Errorf("%s: ambiguous %v, want params %v", c.name, m.ambiguous, c.ambiguous)
		}
		for _, i := range c.ambiguous {
			if len(m.ambiguous[i]) != 3 {
				t.Errorf("%s: params[%d] candidates %v, want the 3 bob schedules", c.name, i, m.ambiguous[i])
			}
		}
	}
}

func TestTemplatePendingID(t *testing.T) {
	for _, noted := range [][]string{nil, {"a"}, {"a", "b"}} {
		p := templatePending{noted: noted}
		got := templatePendingOf(types.StringValue(p.id()))
		if got == nil || strings.Join(got.noted, ",") != strings.Join(noted, ",") {
			t.Errorf("%v: round trip %q gave %+v", noted, p.id(), got)
		}
	}
	if templatePendingOf(types.StringValue("5d2c-uuid,8e41-uuid")) != nil {
		t.Error("schedule ids taken for a pending create")
	}
}
