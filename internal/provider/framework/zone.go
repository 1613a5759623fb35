package framework

import (
	"time"

	"github.com/jpushtf/terraform-provider-jpush/internal/client"
)

// DefaultLocation is client.DefaultTimeZone, Asia/Shanghai (client.LoadLocation
// embeds tzdata, so it cannot fail in practice; a fixed +08:00 zone is the
// last resort).
var DefaultLocation = func() *time.Location {
	loc, err := client.LoadLocation(client.DefaultTimeZone)
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()
