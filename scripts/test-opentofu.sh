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
# config steps get a matching required_providers block, but ImportState steps
# write the step's raw config, where OpenTofu resolves `jpush` to
# registry.opentofu.org/hashicorp/jpush and would try to download it. That one
# address is served by the provider built from this tree (dev_overrides): it
# talks to the same loopback emulator. Tests that declare
# `source = "registry.terraform.io/hashicorp/jpush"` never need it.
mkdir -p "${work}/plugins"
log "building the provider for OpenTofu's import steps"
go build -o "${work}/plugins/terraform-provider-jpush" .
private_tf_cli_config "${work}/tofurc" "${work}/plugins" registry.opentofu.org/hashicorp/jpush
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
