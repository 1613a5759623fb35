package lifecycle

import (
	"context"
	"time"
)

// cleanupTimeout bounds the work that must outlive the cancellation of the
// operation (Ctrl-C): finding a lost create's schedules, deleting schedules
// that could not be disabled.
const cleanupTimeout = 2 * time.Minute

// Detached is ctx without its cancellation (its values, such as loggers,
// stay), bounded by cleanupTimeout.
func Detached(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
}
