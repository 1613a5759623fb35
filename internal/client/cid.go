package client

import (
	"context"
	"errors"
	"sync"
	"time"
)

// cidPool caches schedule CIDs fetched in batches of CIDBatchSize. Each
// CID is handed out once; CIDs older than CIDMaxAge are discarded (JPush
// keeps them 24h).
//
// Refills are single-flight: concurrent creates that find the pool empty
// wait for the one refill in flight instead of each fetching a batch, so N
// concurrent creates make at most ceil(N/CIDBatchSize) CID calls.
//
// A batch of 100 costs one call whether a process needs 1 CID or 100, and
// the unused ones simply expire on the server without any visible effect
// (a CID only matters once a create carries it), so the batch size is kept
// at 100 even for a plan that creates a single schedule.
type cidPool struct {
	mu    sync.Mutex
	items []pooledCID
	fetch *cidFetch // the refill in flight; nil when none
}

type pooledCID struct {
	cid     string
	fetched time.Time
}

// cidFetch is one refill shared by the callers waiting on it.
type cidFetch struct {
	done chan struct{} // closed when err is set
	err  error
	// leaderGone is true when the refill failed because the ctx of the
	// caller that ran it was done: not a verdict for the others.
	leaderGone bool
}

// popLocked returns a fresh CID from the pool, or a zero pooledCID when it
// is empty.
func (p *cidPool) popLocked(now time.Time) pooledCID {
	for len(p.items) > 0 {
		it := p.items[0]
		p.items = p.items[1:]
		if now.Sub(it.fetched) < CIDMaxAge {
			return it
		}
	}
	return pooledCID{}
}

// pushLocked adds the non-empty cids and returns how many it added.
func (p *cidPool) pushLocked(cids []string, fetched time.Time) int {
	n := 0
	for _, c := range cids {
		if c != "" {
			p.items = append(p.items, pooledCID{cid: c, fetched: fetched})
			n++
		}
	}
	return n
}

// takeCID hands out one CID with the server time it was fetched at,
// refilling the pool with CIDBatchSize new ones when it is empty.
func (c *Client) takeCID(ctx context.Context) (pooledCID, error) {
	p := &c.cids
	for {
		if err := ctx.Err(); err != nil {
			return pooledCID{}, err
		}
		p.mu.Lock()
		if it := p.popLocked(c.serverClock()); it.cid != "" {
			p.mu.Unlock()
			return it, nil
		}
		f := p.fetch
		leader := f == nil
		if leader {
			f = &cidFetch{done: make(chan struct{})}
			p.fetch = f
		}
		p.mu.Unlock()

		if leader {
			cids, err := c.GetCIDs(ctx, c.cidBatch)
			fetched := c.serverClock() // JPush judges a CID's age by its own clock
			p.mu.Lock()
			if err == nil && p.pushLocked(cids, fetched) == 0 {
				err = errors.New("jpush: the CID pool returned no usable CID")
			}
			f.err, f.leaderGone = err, err != nil && ctx.Err() != nil
			p.fetch = nil
			close(f.done)
			p.mu.Unlock()
			if err != nil {
				return pooledCID{}, err
			}
			continue // take one like everybody else
		}

		select {
		case <-ctx.Done():
			return pooledCID{}, ctx.Err()
		case <-f.done:
		}
		if f.err != nil && !f.leaderGone {
			return pooledCID{}, f.err
		}
		// Loop: take a CID from the refill, or start the next one when
		// more callers waited than the batch held.
	}
}

// serverClock is JPush's "now" (the Date of the last response, advanced by
// the local time since), or the local clock before any response.
func (c *Client) serverClock() time.Time {
	t, _ := c.ServerTime()
	return t
}
