#!/usr/bin/env bash
# Runs the provider's acceptance suite under OpenTofu instead of Terraform.
# OpenTofu is built from source (pinned in tools/opentofu/go.mod) into bin/tofu
# the first time (a few minutes); nothing is downloaded from release sites.
# Extra arguments go to `go test` (e.g. -run TestAccSchedule).
source "$(dirname "$0")/lib.sh"
set -euo pipefail

cd "${REPO_ROOT}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# A private CLI config: no ~/.terraformrc or ~/.tofurc, no credentials, nothing
# from a registry. terraform-plugin-testing serves the provider in-process and
# tells the CLI through TF_REATTACH_PROVIDERS, keyed registry.terraform.io/hashicorp/jpush;
# Config steps get a matching required_providers block, but ImportState steps
# write the step's raw config, where OpenTofu (unlike Terraform) resolves `jpush`
# to registry.opentofu.org/hashicorp/jpush and would try to download it. That one
# address is served by the provider built from this tree, which talks to the
# same loopback emulator: dev_overrides for commands run without `init` (an
# import as the first step), and a local filesystem mirror for `init`, which
# OpenTofu still resolves for overridden providers. (Tests that declare
# `source = "registry.terraform.io/hashicorp/jpush"` never need either.)
mirror="${work}/mirror"
platform="$(go env GOOS)_$(go env GOARCH)"
mirror_pkg="${mirror}/registry.opentofu.org/hashicorp/jpush/0.0.1/${platform}"
mkdir -p "${mirror_pkg}"
log "building the provider into a local mirror for OpenTofu's import steps"
go build -o "${mirror_pkg}/terraform-provider-jpush_v0.0.1" .
cat >"${work}/tofurc" <<EOF_CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/hashicorp/jpush" = "${mirror_pkg}"
  }
  filesystem_mirror {
    path    = "${mirror}"
    include = ["registry.opentofu.org/hashicorp/jpush"]
  }
  direct {
    exclude = ["registry.opentofu.org/hashicorp/jpush"]
  }
}
EOF_CFG
export TF_CLI_CONFIG_FILE="${work}/tofurc"
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR

tofu="$(build_tofu)"
"${tofu}" version >"${work}/version.txt"
log "using $(head -n1 "${work}/version.txt") at ${tofu}"

export TF_ACC=1
export TF_ACC_TERRAFORM_PATH="${tofu}"
export TF_ACC_PROVIDER_NAMESPACE=hashicorp
export CHECKPOINT_DISABLE=1

log "go test -count=1 -timeout 40m ./internal/provider/... (OpenTofu)"
go test -count=1 -timeout 40m "$@" ./internal/provider/...
