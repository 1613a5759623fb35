package templateschedule

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// adoptAppOnce adopts the current app for a jpush_template_schedule (see
// adoptApp) once JPush has returned one of its schedules.
func (r *templateScheduleResource) adoptAppOnce(ctx context.Context, fetched []scheduleFetch, resp *resource.ReadResponse) {
	for _, f := range fetched {
		if f.s != nil {
			r.AdoptApp(ctx, resp.Private, &resp.Diagnostics)
			return
		}
	}
}
