#!/usr/bin/env bash
# Every unit and acceptance test, with the race detector, against the
# in-process emulator. Acceptance tests need TF_ACC and a Terraform CLI.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${REPO_ROOT}"

mkdir -p .tmp
: > .tmp/terraform-test.tfrc   # a private, empty CLI config: no ~/.terraformrc surprises

export TF_ACC=1
TF_ACC_TERRAFORM_PATH="$(find_terraform)"
export TF_ACC_TERRAFORM_PATH
export TF_CLI_CONFIG_FILE="${REPO_ROOT}/.tmp/terraform-test.tfrc"
export CHECKPOINT_DISABLE=1
unset TF_ACC_TERRAFORM_VERSION

log "JPush's own Node.js client against the emulator"
./scripts/sdk-compat.sh

log "go test -race ./... (TF_ACC=1, terraform: ${TF_ACC_TERRAFORM_PATH})"
go test -race -count=1 -timeout 30m ./...

if [[ -x scripts/fuzz.sh ]]; then
  log "short fuzz pass"
  FUZZTIME="${FUZZTIME:-10s}" ./scripts/fuzz.sh
fi
