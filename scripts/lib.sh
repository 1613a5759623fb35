#!/usr/bin/env bash
# Shared helpers for the scripts in this folder. Source it; do not run it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${REPO_ROOT}/bin"
# Pinned fallback when no terraform is on PATH (built from source, never downloaded).
TERRAFORM_FALLBACK_VERSION="v1.5.7"

export CHECKPOINT_DISABLE=1
export GOFLAGS="${GOFLAGS:-}"

log() { printf '==> %s\n' "$*" >&2; }

# find_terraform prints the path of a Terraform CLI: $TF_ACC_TERRAFORM_PATH, then
# bin/terraform, then the one on PATH, else builds the pinned fallback into bin/.
find_terraform() {
  if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" && -x "${TF_ACC_TERRAFORM_PATH}" ]]; then
    echo "${TF_ACC_TERRAFORM_PATH}"; return
  fi
  if [[ -x "${BIN_DIR}/terraform" ]]; then echo "${BIN_DIR}/terraform"; return; fi
  if command -v terraform >/dev/null 2>&1; then command -v terraform; return; fi
  log "no terraform on PATH: building terraform ${TERRAFORM_FALLBACK_VERSION} from source into bin/ (a few minutes)"
  mkdir -p "${BIN_DIR}"
  GOBIN="${BIN_DIR}" go install "github.com/hashicorp/terraform@${TERRAFORM_FALLBACK_VERSION}" >&2
  echo "${BIN_DIR}/terraform"
}

# build_terraform VERSION builds Terraform VERSION from source into
# bin/terraform-VERSION/terraform (once) and prints its path. Not bin/terraform,
# which find_terraform would then prefer to the CLI on PATH.
build_terraform() {
  local version="$1" dir="${BIN_DIR}/terraform-$1"
  if [[ ! -x "${dir}/terraform" ]]; then
    log "building terraform ${version} from source into bin/terraform-${version}/ (a few minutes)"
    mkdir -p "${dir}"
    GOBIN="${dir}" go install "github.com/hashicorp/terraform@${version}" >&2
  fi
  echo "${dir}/terraform"
}

# go_tool_bin NAME MODULE@VERSION installs a Go-built tool into bin/ once and prints its path.
# A stamp file (bin/.NAME.pkg) remembers MODULE@VERSION, so changing the pin reinstalls.
go_tool_bin() {
  local name="$1" pkg="$2"
  local bin="${BIN_DIR}/${name}" stamp="${BIN_DIR}/.${name}.pkg"
  if [[ ! -x "${bin}" || ( -f "${stamp}" && "$(cat "${stamp}")" != "${pkg}" ) ]]; then
    log "installing ${pkg} into bin/"
    mkdir -p "${BIN_DIR}"
    GOBIN="${BIN_DIR}" GOFLAGS="${GOFLAGS:-}" go install "${pkg}" >&2
    printf '%s\n' "${pkg}" >"${stamp}"
  fi
  echo "${bin}"
}

# private_tf_cli_config FILE [PROVIDER_DIR [SOURCE...]] writes a Terraform CLI
# configuration to FILE that never reaches a registry for this provider: with
# PROVIDER_DIR it adds dev_overrides pointing jpushtf/jpush (and any extra SOURCE
# addresses, e.g. hashicorp/jpush) at that directory; without it the file is
# empty (no credentials, no plugin cache, nothing from ~/.terraformrc).
private_tf_cli_config() {
  local file="$1" dir="${2:-}"
  if [[ -z "${dir}" ]]; then
    : >"${file}"
    return
  fi
  shift 2
  {
    echo 'provider_installation {'
    echo '  dev_overrides {'
    local src
    for src in "jpushtf/jpush" "registry.terraform.io/jpushtf/jpush" "$@"; do
      printf '    "%s" = "%s"\n' "${src}" "${dir}"
    done
    echo '  }'
    echo '  direct {}'
    echo '}'
  } >"${file}"
}

# build_provider builds the provider binary into bin/ and prints its path.
build_provider() {
  mkdir -p "${BIN_DIR}"
  (cd "${REPO_ROOT}" && go build -ldflags "-X main.version=${VERSION:-0.1.0-dev}" -o "${BIN_DIR}/terraform-provider-jpush" .) >&2
  echo "${BIN_DIR}/terraform-provider-jpush"
}

# build_tofu builds the OpenTofu CLI pinned by tools/opentofu/go.mod into
# bin/tofu (once per pinned version, a few minutes) and prints its path.
build_tofu() {
  local modfile="${REPO_ROOT}/tools/opentofu/go.mod" bin="${BIN_DIR}/tofu" stamp="${BIN_DIR}/.tofu.pkg"
  local version
  version="$(awk '$1 == "require" && $2 == "github.com/opentofu/opentofu" { print $3 }' "${modfile}")"
  if [[ -z "${version}" ]]; then
    version="$(awk '$1 == "github.com/opentofu/opentofu" { print $2; exit }' "${modfile}")"
  fi
  if [[ ! -x "${bin}" || "$(cat "${stamp}" 2>/dev/null)" != "opentofu@${version}" ]]; then
    log "building OpenTofu ${version} from source into bin/tofu (a few minutes)"
    mkdir -p "${BIN_DIR}"
    (cd "${REPO_ROOT}/tools/opentofu" &&
      go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
        -o "${bin}" github.com/opentofu/opentofu/cmd/tofu) >&2
    printf 'opentofu@%s\n' "${version}" >"${stamp}"
  fi
  echo "${bin}"
}
