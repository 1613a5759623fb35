package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// tflogLogger sends the client's (already redacted) log entries to
// terraform-plugin-log, so TF_LOG / TF_LOG_PROVIDER control them.
type tflogLogger struct{}

var _ client.Logger = tflogLogger{}

func (tflogLogger) Log(ctx context.Context, level client.Level, msg string, fields map[string]any) {
	switch level {
	case client.LevelError:
		tflog.Error(ctx, msg, fields)
	case client.LevelWarn:
		tflog.Warn(ctx, msg, fields)
	case client.LevelInfo:
		tflog.Info(ctx, msg, fields)
	case client.LevelDebug:
		tflog.Debug(ctx, msg, fields)
	default:
		tflog.Trace(ctx, msg, fields)
	}
}
