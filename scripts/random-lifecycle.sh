#!/usr/bin/env bash
# make random-lifecycle: the seeded random walk of the whole lifecycle
# (TestAccRandomLifecycle) at length, against the in-process emulator with
# the real Terraform CLI. make test runs a short walk; this one runs
# SEEDS (comma-separated, default 11..18) for STEPS steps each (default
# 300: 2,400 steps in all). A failure prints the seed and the step count
# that replay it: SEEDS=<seed> STEPS=<n> make random-lifecycle.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${REPO_ROOT}"

mkdir -p .tmp
: > .tmp/terraform-test.tfrc
export TF_ACC=1
TF_ACC_TERRAFORM_PATH="$(find_terraform)"
export TF_ACC_TERRAFORM_PATH
export TF_CLI_CONFIG_FILE="${REPO_ROOT}/.tmp/terraform-test.tfrc"
export CHECKPOINT_DISABLE=1
unset TF_ACC_TERRAFORM_VERSION
export JPUSH_RANDOM_SEEDS="${SEEDS:-11,12,13,14,15,16,17,18}"
export JPUSH_RANDOM_STEPS="${STEPS:-300}"

log "random lifecycle: seeds ${JPUSH_RANDOM_SEEDS}, ${JPUSH_RANDOM_STEPS} steps each (terraform: ${TF_ACC_TERRAFORM_PATH})"
set +e
go test -count=1 -timeout 120m -run '^TestAccRandomLifecycle$' -v ./internal/provider 2>&1 | grep -v '^{"@'
rc="${PIPESTATUS[0]}"
exit "${rc}"
