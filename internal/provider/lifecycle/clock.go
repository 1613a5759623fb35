package lifecycle

import (
	"context"

	"github.com/jpushtf/terraform-provider-jpush/internal/provider/trigger"
)

// PlanClock returns JPush's clock for one plan. Before any response has
// told JPush's time (a plan that only creates makes no other call), it
// asks JPush for the first page of the schedule list, a read, and takes the
// Date header of the answer; only when JPush cannot be reached is the
// machine's clock used, and the message names it.
func (b *Base) PlanClock(ctx context.Context) *trigger.Clock {
	return &trigger.Clock{Read: func() trigger.Reading {
		c := b.Client()
		if c == nil {
			return trigger.LocalClock("the provider is not configured")
		}
		if t, ok := c.ServerTime(); ok {
			return trigger.Reading{Now: t, Name: trigger.JPushClockName, How: trigger.JPushClockHow}
		}
		// One probe at a time per provider: concurrent plans of many
		// resources then share one answer instead of each asking.
		b.Data.ClockProbe.Lock()
		defer b.Data.ClockProbe.Unlock()
		if _, ok := c.ServerTime(); !ok {
			// The probe is the credentials check (CheckCredentials),
			// whose answer the refresh and the create's plan reuse.
			pctx, cancel := context.WithTimeout(ctx, trigger.ClockProbeTimeout)
			b.RunCheck(pctx)
			cancel()
		}
		// Any answer tells JPush's time, even a refusal (its Date header).
		if t, ok := c.ServerTime(); ok {
			return trigger.Reading{Now: t, Name: trigger.JPushClockName, How: trigger.JPushClockHow}
		}
		why := "no answer"
		if errs := b.Data.VerifyDiags.Errors(); len(errs) > 0 {
			why = errs[0].Summary()
		}
		return trigger.LocalClock("JPush could not be asked for its time: " + why)
	}}
}
