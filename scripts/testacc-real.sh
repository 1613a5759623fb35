#!/usr/bin/env bash
# Opt-in acceptance test against a real JPush app (never part of make test or
# CI): the realjpush build tag compiles internal/provider/real_jpush_acc_test.go.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${REPO_ROOT}"

: "${JPUSH_APP_KEY:?export JPUSH_APP_KEY (and JPUSH_MASTER_SECRET) of the JPush app to test against}"
: "${JPUSH_MASTER_SECRET:?export JPUSH_MASTER_SECRET of the JPush app to test against}"
mkdir -p .tmp
: > .tmp/terraform-real.tfrc
export TF_ACC=1 TF_CLI_CONFIG_FILE="${REPO_ROOT}/.tmp/terraform-real.tfrc"
TF_ACC_TERRAFORM_PATH="$(find_terraform)"
export TF_ACC_TERRAFORM_PATH
unset TF_ACC_TERRAFORM_VERSION
go test -tags realjpush -count=1 -run '^TestAccRealJPush' -v ./internal/provider/
