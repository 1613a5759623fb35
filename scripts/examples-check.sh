#!/usr/bin/env bash
# Checks examples/ with no network and no credentials:
#   1. `terraform fmt -check -recursive examples/`
#   2. `terraform validate` of every directory under examples/ that holds .tf
#      files, against the provider built from this tree into bin/, through a
#      private CLI config with dev_overrides (no `terraform init`, no registry).
# Each directory is validated in a temporary copy of examples/, so relative
# module sources and file paths still resolve and the tree is never touched.
# Variables need no values: validate does not evaluate root input variables.
# A directory that needs another provider (not installable offline) is skipped
# with a warning, or fails with EXAMPLES_STRICT=1.
source "$(dirname "$0")/lib.sh"
set -euo pipefail

cd "${REPO_ROOT}"
if [[ ! -d examples ]]; then
  echo "examples-check: no examples/ directory" >&2
  exit 1
fi

terraform="$(find_terraform)"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

export TF_CLI_CONFIG_FILE="${work}/terraformrc"
private_tf_cli_config "${TF_CLI_CONFIG_FILE}"

log "terraform fmt -check -recursive examples/"
if ! "${terraform}" fmt -check -recursive -diff examples/; then
  echo "examples-check: examples/ is not terraform-fmt formatted: run make fmt" >&2
  exit 1
fi

log "building the provider into bin/"
provider_bin="$(build_provider)"
provider_dir="$(dirname "${provider_bin}")"

# Examples that omit required_providers resolve `jpush` to hashicorp/jpush:
# serve that from the local build too (the docs show such snippets bare).
private_tf_cli_config "${TF_CLI_CONFIG_FILE}" "${provider_dir}" hashicorp/jpush registry.terraform.io/hashicorp/jpush
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR
export TF_IN_AUTOMATION=1 TF_INPUT=0

mapfile -t dirs < <(find examples -name .terraform -prune -o -type f -name '*.tf' -printf '%h\n' | sort -u)
if [[ ${#dirs[@]} -eq 0 ]]; then
  echo "examples-check: no .tf files under examples/" >&2
  exit 1
fi

passed=0 failed=0 skipped=0
failures=() skips=()
for dir in "${dirs[@]}"; do
  copy="${work}/copy-${passed}-${failed}-${skipped}"
  mkdir -p "${copy}"
  cp -R examples "${copy}/"
  find "${copy}" \( -name .terraform -o -name '.terraform.lock.hcl' -o -name '*.tfstate*' \) -prune -exec rm -rf {} +
  target="${copy}/${dir}"
  out="${work}/out.txt"

  if "${terraform}" -chdir="${target}" validate -no-color >"${out}" 2>&1 ||
    { grep -q 'Module not installed' "${out}" &&
      "${terraform}" -chdir="${target}" get -no-color >>"${out}" 2>&1 &&
      "${terraform}" -chdir="${target}" validate -no-color >"${out}" 2>&1; }; then
    printf 'ok    %s\n' "${dir}"
    passed=$((passed + 1))
  elif grep -q 'Missing required provider' "${out}" &&
    ! grep -A2 'Missing required provider' "${out}" | grep -q '/jpush,'; then
    missing="$(grep -ho 'requires provider [^ ,]*' "${out}" | sort -u | sed 's/requires provider //' | paste -sd' ' -)"
    printf 'SKIP  %s (needs %s, not installable offline)\n' "${dir}" "${missing}"
    skipped=$((skipped + 1))
    skips+=("${dir}")
  else
    printf 'FAIL  %s\n' "${dir}"
    sed 's/^/      /' "${out}"
    failed=$((failed + 1))
    failures+=("${dir}")
  fi
  rm -rf "${copy}"
done

echo "examples-check: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ ${failed} -gt 0 ]]; then
  echo "failed: ${failures[*]}" >&2
  exit 1
fi
if [[ ${skipped} -gt 0 && "${EXAMPLES_STRICT:-0}" == "1" ]]; then
  echo "EXAMPLES_STRICT=1 and skipped: ${skips[*]}" >&2
  exit 1
fi
