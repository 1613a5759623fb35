package schedule

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/conn"
	"github.com/jpushtf/terraform-provider-jpush/internal/provider/lifecycle"
)

// A create whose outcome is unknown (every attempt's answer lost, or JPush
// answered 5xx) may have made a schedule that Terraform never learns the id
// of. Forgetting it would orphan a push that still reaches phones, and the
// next apply would make a second one. So jpush_schedule:
//
//  1. Create saves the resource anyway, with a pending id that carries the
//     create's CID (see pendingCreate), and fails; Terraform marks it
//     tainted.
//  2. Read leaves such a resource as it is, without calling JPush.
//  3. Delete (Terraform deletes a tainted instance before re-creating it)
//     re-sends the create with the same CID and the state's body. JPush
//     answers a used CID with the schedule it made and creates nothing (or,
//     if the first create never got through, creates it now); either way
//     Delete then deletes that schedule. Where the CID can no longer be
//     trusted (older than client.CIDMaxAge) or the replay is refused, it
//     warns about the schedule that may remain.
//
// The CID lives in the id rather than in private state: Terraform plans a
// tainted instance's replacement as a create from nothing, so the private
// state of the tainted object never reaches the Delete of a replacement.

// pendingIDPrefix starts the id of a resource whose create may have reached
// JPush: "pending-create:<cid>@<RFC 3339 server time the CID was fetched>".
// JPush's schedule ids are UUIDs, so the two never meet.
const pendingIDPrefix = "pending-create:"

type pendingCreate struct {
	// CID is the idempotency key every attempt of the create carried.
	CID string
	// CIDFetched is the server time the CID was fetched from JPush's pool;
	// zero when unknown.
	CIDFetched time.Time
}

func (p pendingCreate) id() string {
	id := pendingIDPrefix + p.CID
	if !p.CIDFetched.IsZero() {
		id += "@" + p.CIDFetched.UTC().Format(time.RFC3339)
	}
	return id
}

// pendingCreateOf returns the pending create of a resource saved by an
// ambiguous create, or nil for a resource with a JPush schedule id.
func pendingCreateOf(id types.String) *pendingCreate {
	rest, ok := strings.CutPrefix(id.ValueString(), pendingIDPrefix)
	if !ok {
		return nil
	}
	p := &pendingCreate{CID: rest}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		p.CID = rest[:i]
		p.CIDFetched, _ = time.Parse(time.RFC3339, rest[i+1:])
	}
	return p
}

// savePendingCreate records a create that failed but may have made the
// schedule: the planned values with a pending id in state, and an error
// that explains what happens next.
func savePendingCreate(ctx context.Context, plan *scheduleModel, createErr error, resp *resource.CreateResponse) {
	var ce *client.CreateError
	errors.As(createErr, &ce) // the caller checked client.CreateMayHaveSucceeded
	p := pendingCreate{CID: ce.CID, CIDFetched: ce.CIDFetched}
	plan.ID = types.StringValue(p.id())
	plan.Expired = types.BoolValue(false)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	tflog.Warn(ctx, "the create's outcome is unknown; saving the resource as tainted with its CID", map[string]any{"cid": p.CID})
	resp.Diagnostics.AddError("Cannot create the JPush schedule: JPush may have created it anyway",
		fmt.Sprintf("Creating the schedule %q failed without a definite answer from JPush: %s\n\n"+
			"JPush may have created the schedule anyway. The resource is saved in the state as tainted, "+
			"with the create's idempotency key (CID %s) in place of an id. The next apply resolves it "+
			"without a duplicate: it sends the same create with the same CID again, which makes JPush return "+
			"the schedule it created (and create nothing new), deletes that schedule, then creates the "+
			"resource afresh. Apply again within 23 hours, while JPush still knows the CID.",
			plan.Name.ValueString(), createErr, p.CID))
}

// deletePendingCreate is Delete for a resource saved by an ambiguous
// create: it learns the schedule's id by replaying the create with the same
// CID, and deletes that schedule.
func (r *scheduleResource) deletePendingCreate(ctx context.Context, state *scheduleModel, p *pendingCreate, diags *diag.Diagnostics) {
	c := r.Client()
	name := state.Name.ValueString()
	if fetched := p.CIDFetched; !fetched.IsZero() {
		if now := lifecycle.KnownServerNow(ctx, c); now.Sub(fetched) >= client.CIDMaxAge {
			addMayRemainWarning(diags, name, p.CID, fmt.Sprintf("its CID was fetched at %s, more than 23 hours ago by JPush's "+
				"clock, so JPush may no longer recognise it and it was not sent again", fetched.Format(time.RFC3339)))
			return
		}
	}
	s, d := r.wireSchedule(ctx, state)
	if d.HasError() {
		addMayRemainWarning(diags, name, p.CID, "the create could not be rebuilt from the state to be sent again")
		return
	}
	s.Enabled = true // as it was sent
	s.CID = p.CID
	res, err := c.CreateSchedule(ctx, s)
	if err != nil {
		if _, maybe := client.CreateMayHaveSucceeded(err); maybe {
			conn.AddAPIError(diags, "Cannot resolve the earlier create of the JPush schedule "+name, fmt.Errorf(
				"%w\n\nJPush gave no definite answer again. The resource stays in the state; apply again to retry", err))
			return
		}
		addMayRemainWarning(diags, name, p.CID, "JPush refused the create when it was sent again: "+err.Error())
		return
	}
	tflog.Info(ctx, "resolved the earlier create by its CID; deleting the schedule", map[string]any{"id": res.ScheduleID, "cid": p.CID})
	if err := c.DeleteSchedule(ctx, res.ScheduleID); err != nil && !client.IsNotFound(err) {
		conn.AddAPIError(diags, fmt.Sprintf("Cannot delete the JPush schedule %s (the earlier create of %s)", res.ScheduleID, name), err)
	}
}

// addMayRemainWarning warns that an ambiguous create of the schedule named
// name may have left a schedule in JPush that Terraform does not manage.
func addMayRemainWarning(diags *diag.Diagnostics, name, cid, why string) {
	diags.AddWarning("A JPush schedule named "+name+" may remain",
		fmt.Sprintf("An earlier create of the schedule %q (CID %s) had no definite answer, and it could not be "+
			"resolved: %s. JPush may hold a schedule named %q that Terraform does not manage, and it will "+
			"fire. Look for it with the jpush_schedules data source (data \"jpush_schedules\" \"check\" { name = %q }) "+
			"or in the JPush console, and delete it, or import it with terraform import if you want to keep it.",
			name, cid, why, name, name))
}
