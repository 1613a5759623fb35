package conn

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// AppPrivateKey is the private state key of the record.
const AppPrivateKey = "jpush_app"

// AppRecord names a JPush app and the endpoint that serves it.
type AppRecord struct {
	AppKey   string `json:"app_key"`
	Endpoint string `json:"endpoint"`
}

// NewAppRecord records app key and endpoint, the endpoint in a canonical
// spelling (lower-case scheme and host, no trailing slash), so that the
// same URL written another way is the same app.
func NewAppRecord(appKey, endpoint string) AppRecord {
	ep := strings.TrimRight(endpoint, "/")
	if u, err := url.Parse(ep); err == nil && u.Host != "" {
		u.Scheme = strings.ToLower(u.Scheme)
		u.Host = strings.ToLower(u.Host)
		ep = u.String()
	}
	return AppRecord{AppKey: appKey, Endpoint: ep}
}

func (a AppRecord) String() string {
	return fmt.Sprintf("app %s at %s", a.AppKey, a.Endpoint)
}

// PrivateState is what the framework's private state offers in every
// request and response (its type is internal to the framework).
type PrivateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// RecordedApp returns the app recorded in priv, nil when there is none.
func RecordedApp(ctx context.Context, priv PrivateState) (*AppRecord, diag.Diagnostics) {
	if priv == nil {
		return nil, nil
	}
	raw, diags := priv.GetKey(ctx, AppPrivateKey)
	if diags.HasError() || len(raw) == 0 {
		return nil, diags
	}
	var rec AppRecord
	if err := json.Unmarshal(raw, &rec); err != nil || rec.AppKey == "" {
		return nil, diags // unreadable: treated as none, then replaced
	}
	return &rec, diags
}
