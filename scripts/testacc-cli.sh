#!/usr/bin/env bash
# Runs the acceptance suite and the docs' examples (./internal/provider/...
# and ./internal/exampletest/..., TF_ACC=1, no -race) under one Terraform or
# OpenTofu CLI, given by path:
#   scripts/testacc-cli.sh /path/to/terraform-or-tofu [go test args...]
# The one place that knows the environment a CLI needs; scripts/test-matrix.sh
# and the CI matrix (.github/workflows/test.yml) both call it.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

[[ $# -ge 1 && -x "$1" ]] || { echo "usage: $0 CLI_PATH [go test args...]" >&2; exit 2; }
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" # plugin-testing wants an absolute path
shift

cd "${REPO_ROOT}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
# A private, empty CLI config: no ~/.terraformrc or ~/.tofurc, no credentials,
# no plugin cache, nothing from a registry. terraform-plugin-testing serves the
# provider in-process as registry.terraform.io/hashicorp/jpush, and every test
# configuration names that source in full, so OpenTofu never looks it up in
# its own registry either.
: >"${work}/cli.rc"
export TF_CLI_CONFIG_FILE="${work}/cli.rc"
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_ACC_TERRAFORM_VERSION

export TF_ACC=1
export TF_ACC_TERRAFORM_PATH="${cli}"
export TF_ACC_PROVIDER_NAMESPACE=hashicorp
export CHECKPOINT_DISABLE=1

read -r -a packages <<<"${TESTACC_PACKAGES:-./internal/provider/... ./internal/exampletest/...}"
log "$("${cli}" version | sed -n 1p) at ${cli}: go test -count=1 $* ${packages[*]}"
go test -count=1 -timeout 60m "$@" "${packages[@]}"
