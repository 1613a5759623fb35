// Package opentofu is a build-only wrapper that pins the OpenTofu CLI
// (github.com/opentofu/opentofu/cmd/tofu) for running the provider's
// acceptance tests under OpenTofu. It has no code of its own: the tool
// directive in go.mod puts cmd/tofu in this module's build graph, and
// scripts/test-opentofu.sh builds it into bin/tofu.
package opentofu
