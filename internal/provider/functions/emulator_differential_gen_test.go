package functions

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/rules"
)

// The generator of the differential test: triggers near daylight-saving
// transitions half of the time, times of day in the hours they skip or
// repeat (00:00 to 03:59 on quarter hours) 40% of the time, month days 29
// to 31 in half of the monthly ones, and every time format.

var (
	diffFrom  = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	diffUntil = time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC)
)

// transitions lists the offset changes of loc between diffFrom and a year
// after diffUntil.
func transitions(loc *time.Location) []time.Time {
	var out []time.Time
	for t := diffFrom; t.Before(diffUntil.AddDate(1, 0, 0)); {
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() {
			break
		}
		out = append(out, end)
		t = end
	}
	return out
}

// transitionCache holds the transitions of each zone of the test, filled
// before the cases are generated.
var transitionCache = map[*time.Location][]time.Time{}

// genAnchor is an instant within 20 days of a transition of loc (returned
// too), or any in the range (with a zero transition).
func genAnchor(rng *rand.Rand, loc *time.Location) (anchor, transition time.Time) {
	tr := transitionCache[loc]
	if len(tr) > 0 && rng.Intn(2) == 0 {
		at := tr[rng.Intn(len(tr))]
		return at.Add(time.Duration(rng.Int63n(int64(40*24*time.Hour))) - 20*24*time.Hour).Truncate(time.Second), at
	}
	return diffFrom.Add(time.Duration(rng.Int63n(int64(diffUntil.Sub(diffFrom))))).Truncate(time.Second), time.Time{}
}

// genTime writes an instant in one of the accepted formats: the wall clock
// in loc, or RFC 3339 with the zone's offset, UTC or another offset.
func genTime(rng *rand.Rand, at time.Time, loc *time.Location) string {
	switch rng.Intn(4) {
	case 0, 1:
		return at.In(loc).Format("2006-01-02 15:04:05")
	case 2:
		return at.In(loc).Format(time.RFC3339)
	}
	offs := []int{0, 8 * 3600, -5 * 3600, 10*3600 + 1800}
	return at.In(time.FixedZone("", offs[rng.Intn(len(offs))])).Format(time.RFC3339)
}

func genClock(rng *rand.Rand) string {
	if rng.Intn(10) < 4 {
		return fmt.Sprintf("%02d:%02d:00", rng.Intn(4), 15*rng.Intn(4))
	}
	return fmt.Sprintf("%02d:%02d:%02d", rng.Intn(24), rng.Intn(60), rng.Intn(60))
}

func genFrequency(rng *rand.Rand) int {
	switch n := rng.Intn(20); {
	case n < 12:
		return 1
	case n < 17:
		return 2 + rng.Intn(3)
	}
	return 1 + rng.Intn(100)
}

var weekDays = []string{"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"}

// genPoints picks the points of a unit: none for day, week days in any
// case, month days biased to the ends of months.
func genPoints(rng *rand.Rand, unit string) []string {
	var out []string
	switch strings.ToLower(unit) {
	case "week":
		for _, i := range rng.Perm(7)[:1+rng.Intn(7)] {
			d := weekDays[i]
			switch rng.Intn(3) {
			case 1:
				d = strings.ToLower(d)
			case 2:
				d = d[:1] + strings.ToLower(d[1:])
			}
			out = append(out, d)
		}
	case "month":
		for _, i := range rng.Perm(31)[:1+rng.Intn(4)] {
			out = append(out, fmt.Sprintf("%02d", i+1))
		}
		if rng.Intn(2) == 0 {
			end := fmt.Sprintf("%02d", 29+rng.Intn(3))
			if !strings.Contains(strings.Join(out, ","), end) {
				out = append(out, end)
			}
		}
	}
	return out
}

// genCount is mostly a few pushes (what a review shows), sometimes up to
// the limit (long walks of the emulator's clock).
func genCount(rng *rand.Rand) int {
	if rng.Intn(10) < 7 {
		return 1 + rng.Intn(8)
	}
	return 1 + rng.Intn(100)
}

var units = []string{"day", "week", "month", "Day", "WEEK", "Month"}

func genDiffCase(rng *rand.Rand, locs map[string]*time.Location) diffCase {
	zone := diffZones[rng.Intn(len(diffZones))]
	loc := locs[zone]
	c := diffCase{zone: zone, loc: loc, count: genCount(rng)}
	for i := range c.steps {
		c.steps[i] = rng.Float64()
	}
	anchor, transition := genAnchor(rng, loc)
	if rng.Intn(10) == 0 {
		c.after = anchor.Add(-time.Duration(rng.Int63n(int64(360 * 24 * time.Hour))))
		if rng.Intn(5) == 0 {
			c.after = anchor
		}
		c.trigger = map[string]any{"single": map[string]any{"time": genTime(rng, anchor, loc)}}
		return c
	}
	start := anchor.Add(-time.Duration(rng.Int63n(int64(60 * 24 * time.Hour))))
	span := time.Duration(rng.Int63n(int64(370*24*time.Hour))) + time.Hour
	if rng.Intn(3) == 0 {
		span = time.Duration(rng.Int63n(int64(40*24*time.Hour))) + time.Hour
	}
	end := start.Add(span)
	c.after = start.Add(time.Duration(rng.Int63n(int64(span+10*24*time.Hour))) - 10*24*time.Hour)
	if !transition.IsZero() && transition.After(start) && rng.Intn(2) == 0 {
		c.after = transition.Add(-time.Duration(rng.Int63n(int64(5 * 24 * time.Hour)))) // the next pushes cross it
	}
	unit := units[rng.Intn(len(units))]
	clock := genClock(rng)
	if !transition.IsZero() && rng.Intn(2) == 0 { // in the hour around the transition's wall clock
		h := (transition.Add(-time.Second).In(loc).Hour() + rng.Intn(3) + 23) % 24
		clock = fmt.Sprintf("%02d:%02d:00", h, 15*rng.Intn(4))
	}
	switch rng.Intn(10) {
	case 0:
		c.after = c.after.Add(time.Duration(rng.Intn(1000)) * time.Millisecond)
	case 1, 2: // at the time of day: a push at after is not a next push
		tod, _ := client.ParseClock(clock)
		c.after = rules.SlotOn(c.after, tod, loc)
	}
	p := map[string]any{
		"start": genTime(rng, start, loc), "end": genTime(rng, end, loc), "time": clock,
		"time_unit": unit, "frequency": genFrequency(rng),
	}
	if pts := genPoints(rng, unit); pts != nil {
		p["point"] = pts
	}
	c.trigger = map[string]any{"periodical": p}
	return c
}
