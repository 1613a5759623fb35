package conn

// Environment variables read by the provider block.
const (
	EnvAppKey       = "JPUSH_APP_KEY"
	EnvMasterSecret = "JPUSH_MASTER_SECRET"
	EnvEndpoint     = "JPUSH_ENDPOINT"
)
