package provider

import (
	"context"
	"strings"

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

// quietLogVars are the log levels QuietLogsUnlessAsked turns off: the
// framework's and terraform-plugin-go's SDK loggers, and the provider's own
// (terraform-plugin-go reads its level from TF_LOG_PROVIDER_<NAME>).
var quietLogVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_JPUSH"}

// QuietLogsUnlessAsked turns the plugin's logging off when no TF_LOG*
// variable is set in environ (os.Environ()), by setting quietLogVars to
// OFF with setenv (os.Setenv); it reports whether it did.
//
// Without it the SDK loggers default to TRACE: every RPC writes dozens of
// JSON lines to stderr, which Terraform reads and parses only to drop them
// because nobody asked for a log. That cost about a fifth of a no-change
// plan's CPU, in both processes. Any TF_LOG* variable (TF_LOG,
// TF_LOG_PROVIDER, TF_LOG_SDK*, TF_LOG_PATH, ...) means somebody is
// looking: logging then stays exactly as the SDK sets it up.
func QuietLogsUnlessAsked(environ []string, setenv func(key, value string) error) (bool, error) {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") {
			return false, nil
		}
	}
	for _, k := range quietLogVars {
		if err := setenv(k, "OFF"); err != nil {
			return false, err
		}
	}
	return true, nil
}
