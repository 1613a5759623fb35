package client

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/emulator"
)

// A failed create says whether JPush may have created the schedule anyway,
// and which CID it carried, so the caller can resolve it by the CID.
func TestCreateMayHaveSucceeded(t *testing.T) {
	for _, c := range []struct {
		name    string
		kind    string // fault on every attempt; "" for a 400
		maybe   bool
		creates int
	}{
		{"dropped after commit", "drop_after_commit", true, 1},
		{"reset before handling", "reset", true, 0},
		{"503", "status_503", true, 0},
		{"429", "status_429", false, 0},
		{"400", "", false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv, cl := startEmulator(t, func(cfg *Config) {
				cfg.MaxRetries = 2
				cfg.Sleep = func(context.Context, time.Duration) error { return nil }
			})
			s := emuSingle(srv, "ambiguous", time.Hour)
			if c.kind == "" {
				s.Name = "bad name!" // refused with 400/8100
			} else {
				srv.SetFaults([]emulator.FaultRule{{Route: emulator.RouteCreate, Kind: c.kind, Probability: 1, Count: 3}})
			}
			_, err := cl.CreateSchedule(context.Background(), s)
			if err == nil {
				t.Fatal("create succeeded")
			}
			cid, maybe := CreateMayHaveSucceeded(err)
			var ce *CreateError
			if !errors.As(err, &ce) || !strings.HasPrefix(cid, emulator.DefaultAppKey+"-") || ce.CIDFetched.IsZero() {
				t.Fatalf("error %T %v carries cid %q, fetched %v", err, err, cid, ce)
			}
			if maybe != c.maybe {
				t.Errorf("may have succeeded = %v, want %v (%v)", maybe, c.maybe, err)
			}
			if got := srv.Stats().Creates; got != c.creates {
				t.Errorf("emulator creates %d, want %d", got, c.creates)
			}
			if c.maybe {
				// Resolving by the CID: the same body and CID return the
				// schedule (created now if it was not).
				srv.ClearFaults()
				s.CID = cid
				res, err := cl.CreateSchedule(context.Background(), s)
				if err != nil || res.CID != cid {
					t.Fatalf("replay: %v, %+v", err, res)
				}
				if ids := srv.ScheduleIDs(); len(ids) != 1 || ids[0] != res.ScheduleID {
					t.Errorf("emulator holds %v, replay answered %s", ids, res.ScheduleID)
				}
			}
		})
	}
	if _, maybe := CreateMayHaveSucceeded(errors.New("x")); maybe {
		t.Error("a plain error may not have created anything")
	}
}
