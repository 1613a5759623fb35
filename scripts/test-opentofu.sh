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
# A private, empty CLI config: no ~/.terraformrc or ~/.tofurc, no credentials,
# nothing from a registry. terraform-plugin-testing serves the provider
# in-process (TF_REATTACH_PROVIDERS, registry.terraform.io/hashicorp/jpush), and
# every test configuration names that source in full, so OpenTofu never looks
# the provider up in its own registry.
: >"${work}/tofurc"
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
