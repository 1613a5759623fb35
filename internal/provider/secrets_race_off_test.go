//go:build !race

package provider

// secretsRaceEnabled: see secrets_race_on_test.go.
const secretsRaceEnabled = false
