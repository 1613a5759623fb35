package client

import (
	"context"
	"errors"
	"sync"
	"time"
)

// cidPool caches schedule CIDs fetched in batches. Each CID is handed out
// once; CIDs older than CIDMaxAge are discarded (JPush keeps them 24h).
type cidPool struct {
	mu      sync.Mutex
	items   []pooledCID
	fetchMu sync.Mutex // one refill at a time
}

type pooledCID struct {
	cid     string
	fetched time.Time
}

// pop returns a fresh CID from the pool, or "" when it is empty.
func (p *cidPool) pop(now time.Time) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.items) > 0 {
		it := p.items[0]
		p.items = p.items[1:]
		if now.Sub(it.fetched) < CIDMaxAge {
			return it.cid
		}
	}
	return ""
}

func (p *cidPool) push(cids []string, fetched time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cids {
		if c != "" {
			p.items = append(p.items, pooledCID{cid: c, fetched: fetched})
		}
	}
}

// takeCID hands out one CID, refilling the pool with CIDBatchSize new ones
// when it is empty.
func (c *Client) takeCID(ctx context.Context) (string, error) {
	if cid := c.cids.pop(time.Now()); cid != "" {
		return cid, nil
	}
	c.cids.fetchMu.Lock()
	defer c.cids.fetchMu.Unlock()
	// Another caller may have refilled while we waited.
	if cid := c.cids.pop(time.Now()); cid != "" {
		return cid, nil
	}
	fetched := time.Now()
	cids, err := c.GetCIDs(ctx, c.cidBatch)
	if err != nil {
		return "", err
	}
	c.cids.push(cids, fetched)
	if cid := c.cids.pop(time.Now()); cid != "" {
		return cid, nil
	}
	return "", errors.New("jpush: the CID pool returned no usable CID")
}
