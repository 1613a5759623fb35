package conn

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// AddAPIError reports a client error, with a hint for the usual causes.
func AddAPIError(diags *diag.Diagnostics, summary string, err error) {
	detail := err.Error()
	switch {
	case client.IsAuth(err):
		detail += "\n\nJPush rejected the credentials: check app_key and master_secret (or " + EnvAppKey +
			" and " + EnvMasterSecret + ") and that they belong to the same app."
	case client.IsRateLimited(err):
		detail += "\n\nJPush's rate limit (per app key, per minute) was exceeded; try again in a minute."
	}
	diags.AddError(summary, detail)
}
