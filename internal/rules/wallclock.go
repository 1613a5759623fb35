package rules

import (
	"sort"
	"time"
)

// JPush's times are wall clocks with no offset, read in one zone. Around a
// daylight-saving transition a wall clock names no instant (the gap) or two
// (the repeated hour). The provider's client refuses such times and the
// emulator decides what JPush does with them; both find the instants here.

// WallInstants returns the instants (0, 1 or 2, earlier first) whose wall
// clock in loc is that of naive (a time in UTC standing for a wall clock):
// none in a gap, two in a repeated hour. The offsets that can apply are
// those of the zone period time.Date picks and of its neighbours
// (transitions are months apart).
func WallInstants(naive time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	for _, off := range nearbyOffsets(naive, loc) {
		c := naive.Add(-time.Duration(off) * time.Second)
		if w := c.In(loc); sameWallClock(w, naive) {
			out = append(out, w)
		}
	}
	return out
}

// nearbyOffsets lists the distinct UTC offsets (seconds) in force around
// the wall clock naive in loc, largest first (so candidates come earliest
// first).
func nearbyOffsets(naive time.Time, loc *time.Location) []int {
	guess := time.Date(naive.Year(), naive.Month(), naive.Day(), naive.Hour(), naive.Minute(), naive.Second(), 0, loc)
	_, off := guess.Zone()
	offs := []int{off}
	start, end := guess.ZoneBounds()
	if !start.IsZero() {
		_, o := start.Add(-time.Second).Zone()
		offs = append(offs, o)
	}
	if !end.IsZero() {
		_, o := end.Zone()
		offs = append(offs, o)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(offs)))
	uniq := offs[:1]
	for _, o := range offs[1:] {
		if o != uniq[len(uniq)-1] {
			uniq = append(uniq, o)
		}
	}
	return uniq
}

// TransitionNear is the offset transition that makes the wall clock naive
// name no instant or two: the start of the zone period of its latest
// candidate instant (read with the smallest nearby offset). For a gap that
// candidate lies past the jump, for a repeated hour it is the later
// instant; either way it is in the period the transition begins.
func TransitionNear(naive time.Time, loc *time.Location) time.Time {
	offs := nearbyOffsets(naive, loc)
	latest := naive.Add(-time.Duration(offs[len(offs)-1]) * time.Second)
	start, _ := latest.In(loc).ZoneBounds()
	return start
}

func sameWallClock(t, naive time.Time) bool {
	y, m, d := t.Date()
	ny, nm, nd := naive.Date()
	return y == ny && m == nm && d == nd && t.Hour() == naive.Hour() && t.Minute() == naive.Minute() && t.Second() == naive.Second()
}
