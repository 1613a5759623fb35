package trigger

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/framework"
)

func TestFirstFiring(t *testing.T) {
	loc := framework.DefaultLocation
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04:05", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		start  string
		clock  time.Duration
		unit   string
		freq   int
		points []string
		want   string
	}{
		{"2027-01-01 00:00:00", 8 * time.Hour, "day", 1, nil, "2027-01-01 08:00:00"},
		{"2027-01-01 09:00:00", 8 * time.Hour, "day", 1, nil, "2027-01-02 08:00:00"},
		{"2027-01-01 08:00:00", 8 * time.Hour, "day", 1, nil, "2027-01-01 08:00:00"}, // at start counts
		{"2027-01-01 09:00:00", 8 * time.Hour, "day", 2, nil, "2027-01-03 08:00:00"}, // every other day from start
		// 2027-01-01 is a Friday.
		{"2027-01-01 00:00:00", 8 * time.Hour, "week", 1, []string{"mon"}, "2027-01-04 08:00:00"},
		{"2027-01-01 00:00:00", 8 * time.Hour, "WEEK", 1, []string{"FRI", "MON"}, "2027-01-01 08:00:00"},
		{"2027-01-01 00:00:00", 8 * time.Hour, "week", 2, []string{"MON"}, "2027-01-11 08:00:00"},
		{"2027-01-15 00:00:00", 8 * time.Hour, "month", 1, []string{"10"}, "2027-02-10 08:00:00"},
		{"2027-02-01 00:00:00", 8 * time.Hour, "month", 1, []string{"30"}, "2027-03-30 08:00:00"}, // no 30 Feb
		{"2027-01-15 00:00:00", 8 * time.Hour, "month", 2, []string{"10"}, "2027-03-10 08:00:00"},
	}
	for _, c := range cases {
		got, ok := firstFiring(at(c.start), c.clock, c.unit, c.freq, c.points, loc)
		if !ok || !got.Equal(at(c.want)) {
			t.Errorf("firstFiring(%s, %s, %s, %d, %v) = %v %v, want %s", c.start, c.clock, c.unit, c.freq, c.points, got, ok, c.want)
		}
	}
}

func TestSameInstant(t *testing.T) {
	loc := framework.DefaultLocation
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"2027-01-01 09:00:00", "2027-01-01T01:00:00Z", true},
		{"2027-01-01 09:00:00", "2027-01-01T09:00:00+08:00", true},
		{"2027-01-01 09:00:00", "2027-01-01T09:00:00Z", false},
		{"2027-01-01T09:00:00+08:00", "2027-01-01T01:00:00Z", true},
		{"bad", "2027-01-01T01:00:00Z", false},
	} {
		if got := sameInstant(c.a, c.b, loc); got != c.same {
			t.Errorf("sameInstant(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestSamePointSet(t *testing.T) {
	if !framework.SamePointSet([]string{"mon", "Fri"}, []string{"MON", "FRI"}) {
		t.Error("case must not matter")
	}
	if framework.SamePointSet([]string{"MON"}, []string{"MON", "FRI"}) || !framework.SamePointSet([]string{"FRI", "mon"}, []string{"MON", "FRI"}) {
		t.Error("length matters, order does not")
	}
}

// The first push of a replacement of an every-other-week trigger is on the
// grid counted from the trigger's start, as JPush (the emulator) counts it,
// not from the time of the plan.
func TestNextPushSummaryCountsPeriodsFromStart(t *testing.T) {
	loc := framework.DefaultLocation
	tr := &Model{Periodical: &PeriodicalModel{
		Start:     types.StringValue("2027-01-04T00:00:00+08:00"), // a Monday
		End:       types.StringValue("2027-06-30T00:00:00+08:00"),
		Time:      types.StringValue("10:00:00"),
		TimeUnit:  types.StringValue("week"),
		Frequency: types.Int64Value(2),
		Point:     framework.StringList([]string{"MON"}),
	}}
	now := time.Date(2027, 1, 12, 9, 0, 0, 0, loc) // Tuesday of the off week
	got := tr.NextPushSummary(context.Background(), loc, now)
	if want := "from 2027-01-18 10:00:00"; !strings.HasPrefix(got, want) {
		t.Fatalf("nextPushSummary = %q, want it to start %q (weeks 0, 2, 4... from 2027-01-04)", got, want)
	}
	if !strings.Contains(got, "(every 2 weeks)") {
		t.Fatalf("nextPushSummary = %q, want it to say every 2 weeks", got)
	}
}
