package client

// The read path: LookupSchedule serves single-schedule reads from a shared
// list snapshot, so that reading N schedules (a Terraform refresh of N
// resources) costs ceil(total/50) list calls instead of N GETs, under
// JPush's 100-calls-a-minute quota.
//
// # The scheme
//
// A snapshot is the result of one listing of every valid schedule (50 per
// page; page 1 first, then the other pages concurrently, see listAllPages),
// indexed by id. It is:
//
//   - shared: concurrent lookups that find no fresh snapshot join the one
//     list call in flight (single-flight), so N concurrent lookups make
//     exactly one ListAllSchedules. The list runs in its own goroutine on a
//     context detached from the caller that started it (it keeps that
//     caller's values, e.g. loggers); each waiter waits only as long as its
//     own ctx allows, and when the last waiter gives up the list is
//     cancelled.
//   - fresh for Config.ListCacheTTL (default 5s), measured on the local
//     clock from the moment the list call STARTED (so a list slowed by the
//     rate limiter does not extend its life). A negative TTL disables the
//     cache: LookupSchedule is then GetSchedule.
//   - never the answer for an id it lacks: such an id is fetched with
//     GetSchedule, whose 404 (IsNotFound) or schedule is returned. That
//     covers schedules created after the list (through this client or not),
//     expired ones (JPush lists only valid schedules; whether GET still
//     shows them depends on the server), and deleted ones. LookupListed
//     is the one exception: it reports such an id absent without a GET,
//     for a caller that can tell an expired schedule from a deleted one by
//     its own record of the trigger (never for ids this client wrote).
//
// Writes through this client keep the snapshot exact per id, instead of
// throwing it away:
//
//   - UpdateSchedule replaces the entry with the schedule the server echoed
//     when the echo carries all four sections (name, enabled, trigger,
//     push); otherwise, and when the update failed (its outcome may be
//     unknown), the entry is dropped, so the next lookup of that id GETs.
//   - DeleteSchedule drops the entry (success or failure), so the next
//     lookup GETs and returns the 404: a deletion is never hidden.
//   - CreateSchedule and CreateTemplateSchedule need no hook: a new id is not
//     in an older snapshot, hence looked up with GET; a list that runs
//     concurrently with the create shows the schedule as it is after
//     creation. Writes leave other ids untouched.
//   - A write that completes while a list is in flight marks its id dirty
//     in that list; dirty ids are dropped from the list's result before it
//     is served or installed, since the page may predate the write.
//
// InvalidateScheduleCache drops the snapshot (and detaches an in-flight
// list from the cache: its current waiters still get its result, new
// lookups start a new list). Use it after changes made outside this client
// that must be seen at once; otherwise such changes are seen by the next
// snapshot, at most ListCacheTTL later. That TTL is the only staleness the
// scheme allows, and only for changes made out of band (by another client,
// the console, or the server itself: a single schedule that fires within
// the TTL may still be served from the snapshot for the rest of it).
//
// Failure: if a list page fails (after the usual retries), the list's
// waiters each fall back to a GetSchedule of their id rather than all
// failing with the list's error, and for ListCacheTTL after the failure
// lookups go straight to GetSchedule instead of retrying the list at every
// lookup. A list that is only partially consistent (schedules created or
// deleted between pages) is fine: ListAllSchedules removes duplicates, and
// ids it missed are fetched with GET.
//
// Lookups return deep copies; callers may mutate them.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

// DefaultListCacheTTL is how long a schedule list snapshot serves lookups.
const DefaultListCacheTTL = 5 * time.Second

// scheduleCache is the state behind LookupSchedule. All fields are guarded
// by mu.
type scheduleCache struct {
	mu       sync.Mutex
	ttl      time.Duration    // < 0: disabled
	now      func() time.Time // the local clock the TTL is measured on (time.Now, or a fake one in reader_test.go)
	snap     *scheduleSnapshot
	failedAt time.Time // start of the last list that failed; zero when none
	gen      uint64    // bumped by InvalidateScheduleCache
	inflight *listCall // the call new lookups join; nil when none
	running  map[*listCall]struct{}
	// touched holds every id this client has created or written, for its
	// whole life: LookupListed never reports such an id absent, since a
	// snapshot may predate the write (see LookupListed).
	touched map[string]struct{}
	// primed is page 1 of the list fetched by PrimeScheduleList when the
	// list has more pages; the next listing starts from it instead of
	// asking for page 1 again. nil when none.
	primed *primedPage
	writes uint64 // bumped by every write this client makes (noteUpdate)
}

// primedPage is a page 1 kept for the next listing, with when it was asked
// for (the snapshot built on it is as old as it is).
type primedPage struct {
	started time.Time
	gen     uint64
	page    *ScheduleList
}

// scheduleSnapshot is one ListAllSchedules result indexed by id. Its
// entries are owned by the cache and never handed out.
type scheduleSnapshot struct {
	started time.Time
	byID    map[string]*Schedule
}

// listCall is one ListAllSchedules shared by the lookups waiting on it.
type listCall struct {
	done    chan struct{} // closed when snap or err is set
	started time.Time
	gen     uint64
	waiters int
	cancel  context.CancelFunc
	dirty   map[string]struct{} // ids written while the call ran
	snap    *scheduleSnapshot   // set on success
	err     error
}

func (rc *scheduleCache) init(ttl time.Duration) {
	switch {
	case ttl == 0:
		ttl = DefaultListCacheTTL
	case ttl < 0:
		ttl = -1
	}
	rc.ttl = ttl
	rc.now = time.Now
	rc.running = make(map[*listCall]struct{})
	rc.touched = make(map[string]struct{})
}

// freshLocked reports whether something that started at t is still within
// the TTL.
func (rc *scheduleCache) freshLocked(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	age := rc.now().Sub(t)
	return age >= 0 && age < rc.ttl
}

// LookupSchedule returns one schedule like GetSchedule, but serves it from
// a shared snapshot of the schedule list when one is fresh, so reading many
// schedules costs one list call per 50 of them instead of one call each.
// Ids the snapshot lacks are fetched with GetSchedule, whose error
// (IsNotFound for a deleted schedule) is returned. See the comment at the
// top of reader.go for the freshness rules. The result is the caller's to
// modify.
func (c *Client) LookupSchedule(ctx context.Context, id string) (*Schedule, error) {
	s, _, err := c.lookup(ctx, id, false)
	return s, err
}

// LookupListed is LookupSchedule for a caller that can settle an absence
// without a GET: when the id is missing from a complete list snapshot, it
// returns (nil, true, nil) and sends nothing for it. JPush lists every
// valid schedule, so such an id is either deleted or expired (fired or
// ended: JPush lists only valid schedules), and only the caller knows
// which (a schedule whose last firing has passed by ServerTime has
// expired). A caller that cannot tell them apart must GET, as
// LookupSchedule does.
//
// The answer is a GET's, never absent, when there is no complete snapshot
// (the list failed, or the cache is disabled) and for ids this client has
// created or written (the snapshot may predate the write).
func (c *Client) LookupListed(ctx context.Context, id string) (s *Schedule, absent bool, err error) {
	return c.lookup(ctx, id, true)
}

// lookup serves LookupSchedule and LookupListed: it answers from a fresh
// snapshot, joins or starts a shared list when there is none, and GETs an
// id the snapshot lacks unless absentOK allows reporting it absent.
func (c *Client) lookup(ctx context.Context, id string, absentOK bool) (*Schedule, bool, error) {
	if err := checkID(id); err != nil {
		return nil, false, err
	}
	rc := &c.reads
	if rc.ttl < 0 {
		s, err := c.GetSchedule(ctx, id)
		return s, false, err
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	snap, failedRecently, err := c.snapshot(ctx)
	if err != nil {
		return nil, false, err
	}
	if failedRecently {
		// The last list failed a moment ago: do not hammer it.
		return c.getListed(ctx, id)
	}
	rc.mu.Lock()
	var out *Schedule
	listed := false
	if snap != nil {
		var s *Schedule
		s, listed = snap.byID[id]
		if listed {
			out = cloneSchedule(s)
		}
	}
	_, touched := rc.touched[id]
	rc.mu.Unlock()
	switch {
	case out != nil:
		return out, false, nil
	case absentOK && snap != nil && !touched:
		return nil, true, nil
	}
	// Not listed, or the list failed: ask for this one id.
	return c.getListed(ctx, id)
}

// snapshot returns a fresh snapshot, joining or starting the shared list
// when there is none; nil when that list failed. failedRecently is true,
// without a list, when the last list failed less than the TTL ago.
func (c *Client) snapshot(ctx context.Context) (snap *scheduleSnapshot, failedRecently bool, err error) {
	rc := &c.reads
	rc.mu.Lock()
	snap = rc.snap
	if snap != nil && rc.freshLocked(snap.started) {
		rc.mu.Unlock()
		return snap, false, nil
	}
	if rc.inflight == nil && rc.freshLocked(rc.failedAt) {
		rc.mu.Unlock()
		return nil, true, nil
	}
	call := rc.inflight
	if call == nil {
		call = c.startListLocked(ctx)
	}
	call.waiters++
	rc.mu.Unlock()
	if err := c.waitList(ctx, call); err != nil {
		return nil, false, err
	}
	rc.mu.Lock()
	call.waiters--
	snap = call.snap
	rc.mu.Unlock()
	return snap, false, nil
}

// ListedSchedules returns every valid schedule of the app, from the list
// snapshot that lookups share when it is fresh, else from one shared list
// of all pages (never a GET). Schedules written through this client since
// the snapshot was taken may be missing or stale. The result is the
// caller's to modify.
func (c *Client) ListedSchedules(ctx context.Context) ([]Schedule, error) {
	if c.reads.ttl < 0 {
		return c.ListAllSchedules(ctx)
	}
	snap, failed, err := c.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	if failed || snap == nil {
		return nil, errors.New("the schedule list could not be read")
	}
	c.reads.mu.Lock()
	defer c.reads.mu.Unlock()
	out := make([]Schedule, 0, len(snap.byID))
	for _, s := range snap.byID {
		out = append(out, *cloneSchedule(s))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// getListed is lookup's GET of one id.
func (c *Client) getListed(ctx context.Context, id string) (*Schedule, bool, error) {
	s, err := c.GetSchedule(ctx, id)
	return s, false, err
}

// waitList waits for a shared list call, as long as ctx allows; when the
// last waiter gives up, the list is cancelled.
func (c *Client) waitList(ctx context.Context, call *listCall) error {
	rc := &c.reads
	select {
	case <-call.done:
		return nil
	case <-ctx.Done():
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	call.waiters--
	select {
	case <-call.done:
	default:
		if call.waiters == 0 {
			// Nobody wants this list any more.
			call.cancel()
			if rc.inflight == call {
				rc.inflight = nil
			}
		}
	}
	return ctx.Err()
}

// startListLocked starts a shared ListAllSchedules and makes it the call
// new lookups join.
func (c *Client) startListLocked(ctx context.Context) *listCall {
	rc := &c.reads
	lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	started, first := rc.now(), rc.takePrimedLocked()
	if first != nil {
		started = first.started
	}
	call := &listCall{
		done:    make(chan struct{}),
		started: started,
		gen:     rc.gen,
		cancel:  cancel,
		dirty:   make(map[string]struct{}),
	}
	rc.inflight = call
	rc.running[call] = struct{}{}
	go func() {
		defer cancel()
		var page1 *ScheduleList
		if first != nil {
			page1 = first.page
		}
		list, err := c.listAllPages(lctx, page1)
		var snap *scheduleSnapshot
		if err == nil {
			snap = newSnapshot(call.started, list)
		}
		rc.mu.Lock()
		defer rc.mu.Unlock()
		delete(rc.running, call)
		if snap != nil {
			for id := range call.dirty {
				delete(snap.byID, id)
			}
		}
		call.snap, call.err = snap, err
		abandoned := lctx.Err() != nil && call.waiters == 0
		if rc.inflight == call {
			rc.inflight = nil
		}
		if call.gen == rc.gen {
			switch {
			case snap != nil && (rc.snap == nil || rc.snap.started.Before(snap.started)):
				rc.snap = snap
				rc.failedAt = time.Time{}
			case snap == nil && !abandoned:
				rc.failedAt = call.started
			}
		}
		close(call.done)
	}()
	return call
}

// newSnapshot indexes a listing that started at started.
func newSnapshot(started time.Time, list []Schedule) *scheduleSnapshot {
	snap := &scheduleSnapshot{started: started, byID: make(map[string]*Schedule, len(list))}
	for i := range list {
		if s := &list[i]; s.ID != "" {
			snap.byID[s.ID] = s
		}
	}
	return snap
}

// takePrimedLocked hands out the page 1 PrimeScheduleList kept, once, when
// it is still fresh and no invalidation came after it.
func (rc *scheduleCache) takePrimedLocked() *primedPage {
	p := rc.primed
	rc.primed = nil
	if p == nil || p.gen != rc.gen || !rc.freshLocked(p.started) {
		return nil
	}
	return p
}

// PrimeScheduleList asks JPush for page 1 of the schedule list: the one
// authenticated call that proves the endpoint answers and accepts the app
// key and master secret (the provider makes it when it is configured), and
// that also tells JPush's clock (ServerTime). The answer is not wasted: a
// list of one page becomes the list snapshot, which serves the lookups of
// the next ListCacheTTL; page 1 of a longer list is kept for the next
// listing, which then asks only for the other pages. The error is
// ListSchedules'.
func (c *Client) PrimeScheduleList(ctx context.Context) error {
	rc := &c.reads
	rc.mu.Lock()
	started, gen, writes := rc.now(), rc.gen, rc.writes
	rc.mu.Unlock()
	first, err := c.ListSchedules(ctx, 1)
	if err != nil || rc.ttl < 0 {
		return err
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	switch {
	case gen != rc.gen || writes != rc.writes:
		// Invalidated, or written since page 1 was asked for: the page
		// may predate the change, so it serves nothing.
	case rc.snap != nil && !rc.snap.started.Before(started):
		// A newer snapshot is already there.
	case first.TotalPages <= 1 || len(first.Schedules) == 0:
		rc.snap = newSnapshot(started, first.Schedules)
		rc.failedAt = time.Time{}
	case first.TotalPages <= maxListPages:
		rc.primed = &primedPage{started: started, gen: gen, page: first}
	}
	return nil
}

// listConcurrency bounds how many list pages a snapshot fetches at once.
const listConcurrency = 4

// listAllPages is ListAllSchedules for a snapshot, with the pages after the
// first fetched concurrently (page 1 tells how many there are): a snapshot
// of P pages then costs the latency of about 1 + (P-1)/listConcurrency
// calls instead of P, with the same number of calls. Schedules created
// while paging that land on a page beyond page 1's count are simply not in
// the snapshot (their lookups GET them), as with sequential paging. A
// non-nil first is page 1 already fetched (PrimeScheduleList).
func (c *Client) listAllPages(ctx context.Context, first *ScheduleList) ([]Schedule, error) {
	if first == nil {
		var err error
		if first, err = c.ListSchedules(ctx, 1); err != nil {
			return nil, err
		}
	}
	total := first.TotalPages
	if total > maxListPages {
		return nil, fmt.Errorf("jpush: GET %s: more than %d pages", c.schedulesPath, maxListPages)
	}
	pages := []*ScheduleList{first}
	if len(first.Schedules) > 0 && total > 1 {
		rest := make([]*ScheduleList, total-1)
		errs := make([]error, total-1)
		pctx, cancel := context.WithCancel(ctx)
		defer cancel()
		sem := make(chan struct{}, listConcurrency)
		var wg sync.WaitGroup
	spawn:
		for page := 2; page <= total; page++ {
			select {
			case sem <- struct{}{}:
			case <-pctx.Done():
				break spawn
			}
			wg.Add(1)
			go func(page int) {
				defer wg.Done()
				defer func() { <-sem }()
				l, err := c.ListSchedules(pctx, page)
				if err != nil {
					errs[page-2] = err
					cancel() // the snapshot fails anyway
					return
				}
				rest[page-2] = l
			}(page)
		}
		wg.Wait()
		// Report the error that failed the list, not the cancellations
		// it caused in the other pages.
		var firstErr error
		for _, e := range errs {
			if e != nil && (firstErr == nil || errors.Is(firstErr, context.Canceled) && !errors.Is(e, context.Canceled)) {
				firstErr = e
			}
		}
		if firstErr == nil {
			firstErr = ctx.Err()
		}
		if firstErr != nil {
			return nil, firstErr
		}
		pages = append(pages, rest...)
	}
	var all []Schedule
	seen := make(map[string]bool)
	for _, l := range pages {
		if l == nil {
			continue
		}
		for _, s := range l.Schedules {
			if s.ID != "" {
				if seen[s.ID] {
					continue
				}
				seen[s.ID] = true
			}
			all = append(all, s)
		}
	}
	return all, nil
}

// InvalidateScheduleCache drops the schedule list snapshot, so the next
// LookupSchedule lists again. Lookups already waiting for a list still get
// its result.
func (c *Client) InvalidateScheduleCache() {
	rc := &c.reads
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.gen++
	rc.snap = nil
	rc.primed = nil
	rc.failedAt = time.Time{}
	rc.inflight = nil
}

// noteWrite records a write to id whose effect is unknown or not worth
// keeping: the snapshot forgets id, and lists in flight drop it.
func (c *Client) noteWrite(id string) { c.noteUpdate(id, nil) }

// noteUpdate records a write to id. A non-nil s is the complete schedule
// after the write and replaces the snapshot entry (when there is one); nil
// drops it.
func (c *Client) noteUpdate(id string, s *Schedule) {
	rc := &c.reads
	if rc.ttl < 0 {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.touched[id] = struct{}{}
	rc.writes++
	rc.primed = nil // it may predate this write
	for call := range rc.running {
		call.dirty[id] = struct{}{}
	}
	if rc.snap == nil {
		return
	}
	if _, ok := rc.snap.byID[id]; ok && s != nil {
		cp := cloneSchedule(s)
		cp.ID = id
		rc.snap.byID[id] = cp
		return
	}
	delete(rc.snap.byID, id)
}

// noteCreated records schedules this client created, so that LookupListed
// never reports them absent from a snapshot taken before they existed.
func (c *Client) noteCreated(ids ...string) {
	rc := &c.reads
	if rc.ttl < 0 {
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, id := range ids {
		if id != "" {
			rc.touched[id] = struct{}{}
		}
	}
}

// cloneSchedule returns a deep copy of s.
func cloneSchedule(s *Schedule) *Schedule {
	cp := *s
	cp.Push = bytes.Clone(s.Push)
	if s.Trigger.Single != nil {
		st := *s.Trigger.Single
		cp.Trigger.Single = &st
	}
	if s.Trigger.Periodical != nil {
		pt := *s.Trigger.Periodical
		if pt.Point != nil {
			pt.Point = append([]string(nil), pt.Point...)
		}
		cp.Trigger.Periodical = &pt
	}
	return &cp
}
