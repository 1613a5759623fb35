#!/usr/bin/env bash
# make test-matrix: the acceptance suite and the docs' examples under every
# CLI version the docs claim: Terraform 1.5.7 (the oldest supported, built from
# source into bin/terraform-v1.5.7/), the Terraform on PATH (if any), and the
# OpenTofu pinned in tools/opentofu/go.mod (built into bin/tofu). Nothing is
# downloaded from release sites. Extra arguments go to `go test` (e.g. -run).
source "$(dirname "$0")/lib.sh"
set -euo pipefail

cd "${REPO_ROOT}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# A private, empty CLI config (the examples test writes its own).
: >"${work}/terraformrc"
export TF_CLI_CONFIG_FILE="${work}/terraformrc" TF_ACC=1 CHECKPOINT_DISABLE=1
unset TF_ACC_TERRAFORM_VERSION TF_PLUGIN_CACHE_DIR TF_DATA_DIR

clis=("$(build_terraform "${TERRAFORM_FALLBACK_VERSION}")")
if command -v terraform >/dev/null 2>&1; then clis+=("$(command -v terraform)"); fi
clis+=("$(build_tofu)")

for cli in "${clis[@]}"; do
  version="$("${cli}" version | head -n1)"
  log "${version} (${cli}): go test ./internal/provider/... ./internal/exampletest/..."
  (
    export TF_ACC_TERRAFORM_PATH="${cli}"
    # Under OpenTofu the in-process provider is served as hashicorp/jpush,
    # which every test configuration names in full (see test-opentofu.sh).
    [[ "$(basename "${cli}")" == tofu ]] && export TF_ACC_PROVIDER_NAMESPACE=hashicorp
    go test -count=1 -timeout 40m "$@" ./internal/provider/... ./internal/exampletest/...
  )
done
echo "test-matrix: passed under ${#clis[@]} CLIs"
