package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// verifyCredentials makes the provider's one check at configure time: page
// 1 of the schedule list, a call the refresh needs anyway (the client keeps
// the answer for it, see client.PrimeScheduleList) and whose Date header
// tells JPush's clock. A wrong app key or master secret, a wrong data
// centre, or an endpoint where nothing answers then fails the command at
// once with what to check, instead of at the first resource.
//
// JPush failing (5xx, 429, after the client's retries) is only a warning:
// it answered, so the endpoint is right, and the credentials could not be
// checked; the calls that need JPush report their own errors, and a plan
// that needs no call (nothing to refresh) should not fail for a check.
func verifyCredentials(ctx context.Context, c *client.Client, endpoint string, diags *diag.Diagnostics) {
	err := c.PrimeScheduleList(ctx)
	switch {
	case err == nil || ctx.Err() != nil:
		return
	case client.IsAuth(err):
		diags.AddError("JPush refused the app key and master secret",
			fmt.Sprintf("JPush at %s rejected the provider's credentials (%v). Check that app_key (or %s) and "+
				"master_secret (or %s) are the AppKey and Master Secret of the same app (JPush console, application "+
				"settings), and that endpoint (or %s) is the app's data centre: apps in the Beijing data centre "+
				"use https://bjapi.push.jiguang.cn.", endpointHost(endpoint), err, EnvAppKey, EnvMasterSecret, EnvEndpoint))
	case client.IsRetryable(err):
		diags.AddWarning("JPush could not check the provider's credentials",
			fmt.Sprintf("JPush at %s answered with a temporary failure (%v), so the app key and master secret were "+
				"not checked. Terraform goes on; calls that need JPush report their own errors.", endpointHost(endpoint), err))
	case client.IsUnreachable(err):
		diags.AddError("Cannot reach JPush",
			fmt.Sprintf("No answer from the JPush endpoint %s (%v). Check endpoint (or %s): the default is %s, "+
				"apps in the Beijing data centre use https://bjapi.push.jiguang.cn, and a local emulator must be "+
				"running at the URL given. Check also this machine's network, proxy and firewall.",
				endpointHost(endpoint), err, EnvEndpoint, client.DefaultEndpoint))
	default:
		diags.AddError("The JPush endpoint did not answer like JPush",
			fmt.Sprintf("Asking %s for the schedule list failed: %v. Check endpoint (or %s): it must be the base "+
				"URL of the JPush API, such as %s.", endpointHost(endpoint), err, EnvEndpoint, client.DefaultEndpoint))
	}
}

// endpointHost is the endpoint's host for messages (never its user info;
// endpoints carrying credentials are refused before any call).
func endpointHost(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return "the endpoint"
}
