package conn

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// CheckCredentials runs the provider's credentials check once per
// configured provider (that is, once per Terraform walk), at the first plan
// of a resource that will exist or the first refresh, and reports its
// outcome to the first caller only: one cause, one error (or warning),
// however many resources use the provider; the others are told by the
// result. It reports whether the check found no error.
//
// Why not in the provider's Configure: Terraform configures the provider in
// every walk of a command (the refresh before a destroy, the destroy plan,
// the apply), and walks that send nothing (a destroy of fired schedules)
// would each pay a call for nothing. Here the check is the first call of a
// walk that talks to JPush anyway, and the refresh or the plan's clock reuse
// its answer, so it costs no extra call when the walk refreshes or needs
// JPush's clock.
func (b *Bound) CheckCredentials(ctx context.Context, diags *diag.Diagnostics) bool {
	pd := b.Data
	if pd == nil || pd.Client == nil {
		return true
	}
	b.RunCheck(ctx)
	pd.verifyReported.Do(func() {
		diags.Append(pd.VerifyDiags.Warnings()...)
		diags.Append(pd.VerifyDiags.Errors()...)
	})
	return !pd.VerifyDiags.HasError()
}

// RunCheck makes the credentials check unless it was made already, keeping
// its outcome for CheckCredentials. The plan's clock (lifecycle.Base.PlanClock) runs it
// too: its answer tells JPush's time.
func (b *Bound) RunCheck(ctx context.Context) {
	pd := b.Data
	pd.verify.Do(func() { verifyCredentials(ctx, pd.Client, pd.Endpoint, &pd.VerifyDiags) })
}

// verifyCredentials is the check: page 1 of the schedule list, a call the
// refresh needs anyway (the client keeps the answer for it, see
// client.PrimeScheduleList) and whose Date header tells JPush's clock. A
// wrong app key or master secret, a wrong data centre, or an endpoint where
// nothing answers then fails the plan with what to check, even a plan that
// only creates.
//
// Only a conclusive answer fails the plan: a refusal of the credentials
// (401, 8101, 1004) or no connection at all. Anything else (5xx or 429
// after the client's retries, a timeout, an answer that is not JPush's) may
// be passing, and is only a warning: the check could not tell, the calls
// that need JPush report their own errors, and a flaky moment should not
// block a plan that may need no other call.
func verifyCredentials(ctx context.Context, c *client.Client, endpoint string, diags *diag.Diagnostics) {
	err := c.PrimeScheduleList(ctx)
	host := endpointHost(endpoint)
	switch {
	case err == nil || ctx.Err() != nil:
		return
	case client.IsAuth(err):
		diags.AddError("JPush refused the app key and master secret",
			fmt.Sprintf("JPush at %s refused the provider's first call (%v): the app key and master secret are not "+
				"valid credentials there. Check that app_key (or %s) and master_secret (or %s) are the AppKey and "+
				"Master Secret of the same app (JPush console, application settings), and that endpoint (or %s) is "+
				"the app's data centre: apps in the Beijing data centre use https://bjapi.push.jiguang.cn.",
				host, err, EnvAppKey, EnvMasterSecret, EnvEndpoint))
	case client.IsUnreachable(err):
		diags.AddError("Cannot reach JPush",
			fmt.Sprintf("No answer from the JPush endpoint %s (%v). Check endpoint (or %s): the default is %s, "+
				"apps in the Beijing data centre use https://bjapi.push.jiguang.cn, and a local emulator must be "+
				"running at the URL given. Check also this machine's network, proxy and firewall.",
				host, err, EnvEndpoint, client.DefaultEndpoint))
	default:
		diags.AddWarning("The JPush credentials could not be checked",
			fmt.Sprintf("The provider's first call to JPush at %s failed (%v), so the app key and master secret were "+
				"not checked. Terraform goes on, and the calls that need JPush report their own errors. If this "+
				"persists, check endpoint (or %s): it must be the base URL of the JPush API, such as %s.",
				host, err, EnvEndpoint, client.DefaultEndpoint))
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
